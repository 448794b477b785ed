"""The deployment files agree with each other and with the README: the
Dockerfile, docker-compose.yml, the image's entrypoint, .dockerignore and the
configuration files (no Docker needed: they are parsed)."""

import ast
import configparser
import pathlib
import re
import shlex

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in (ROOT / "addons").glob("*/__manifest__.py"))
# Python packages the official odoo:18 image ships (Debian dependencies of its odoo package)
IN_ODOO_IMAGE = {"xlsxwriter", "openpyxl", "freezegun", "lxml", "psycopg2", "werkzeug", "pytz", "dateutil"}


def dockerfile():
    """The Dockerfile's instructions as (KEYWORD, argument) pairs, continuations joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    steps = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            keyword, __, argument = line.partition(" ")
            steps.append((keyword.upper(), argument.strip()))
    return steps


def instructions(keyword):
    return [argument for kw, argument in dockerfile() if kw == keyword]


def copies():
    """COPY instructions as {source: destination}."""
    result = {}
    for argument in instructions("COPY"):
        words = [w for w in shlex.split(argument) if not w.startswith("--")]
        *sources, destination = words
        for source in sources:
            result[source] = destination
    return result


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entrypoint():
    return (ROOT / "docker" / "entrypoint.sh").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def readme_docker():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Run with Docker", 1)[1].split("\n## ", 1)[0]
    return section


def readme_commands(section):
    """The `docker compose ...` commands of the README's Docker section (code blocks and inline code)."""
    found = re.findall(r"`(docker compose [^`]+)`", section)
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        found += [line.split("#")[0].strip() for line in block.splitlines() if line.startswith("docker compose")]
    return [shlex.split(command.replace("\n", " ")) for command in found]


# ------------------------------------------------------------------ Dockerfile
def test_dockerfile_builds_on_the_official_odoo_18_image():
    assert instructions("FROM") == ["odoo:18"]


def test_dockerfile_bakes_in_the_addons_and_our_python_dependencies():
    copied = copies()
    assert copied["addons"] == "/opt/complaints/addons"
    requirements = copied["docker/requirements.txt"]
    assert any(f"-r {requirements}" in run and "pip" in run for run in instructions("RUN"))
    assert copied["config/odoo.conf"] == "/etc/odoo/odoo.conf"
    assert "ODOO_RC=/etc/odoo/odoo.conf" in instructions("ENV")


def test_the_addons_are_not_under_the_images_volume():
    # odoo:18 declares VOLUME /mnt/extra-addons: an older container's anonymous
    # volume there would hide the addons of a rebuilt image
    assert not any(dest.startswith("/mnt/extra-addons") for dest in copies().values())
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.conf")
    assert conf["options"]["addons_path"] == copies()["addons"]


def test_dockerfile_runs_as_odoo_with_our_entrypoint():
    steps = dockerfile()
    assert [argument for kw, argument in steps if kw == "USER"][-1] == "odoo"
    entry = ast.literal_eval(instructions("ENTRYPOINT")[-1])
    assert entry == [copies()["docker/entrypoint.sh"]]
    assert ast.literal_eval(instructions("CMD")[-1]) == ["serve"]
    assert any("chmod 755 " + entry[0] in run for run in instructions("RUN"))


def test_the_image_has_every_python_dependency_the_addons_declare():
    lines = (ROOT / "docker" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ours = {re.split(r"[<>=!~ ;]", line.strip())[0].lower() for line in lines if line.strip() and line[0] != "#"}
    assert "pluggy" in ours
    for addon in ADDONS:
        manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
        for package in manifest.get("external_dependencies", {}).get("python", []):
            assert package.lower() in ours | IN_ODOO_IMAGE, f"{addon.name} needs {package}, the image lacks it"


def test_dockerignore_keeps_what_the_dockerfile_copies_and_nothing_else():
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines() if line.strip()]
    rules = [line for line in lines if not line.startswith("#")]
    assert rules[0] == "*", "the build context is a whitelist"
    kept = {line[1:] for line in rules if line.startswith("!")}
    for source in copies():
        assert source in kept or source.split("/")[0] in kept, f"{source} is excluded from the build context"
    assert not kept & {".venv", ".git", ".odoo-data", ".test-logs"}


# ------------------------------------------------------------ docker-compose
def test_compose_services_and_image_tags(compose):
    services = compose["services"]
    assert set(services) == {"db", "odoo"}
    assert re.fullmatch(r"postgres:1[2-7]", services["db"]["image"]), "a PostgreSQL version Odoo 18 supports"
    assert services["odoo"]["build"] == "."
    assert "pip" not in (ROOT / "docker-compose.yml").read_text(encoding="utf-8"), "nothing installed at start"
    assert "entrypoint" not in services["odoo"], "the image's entrypoint runs"
    assert services["odoo"]["command"] == ["serve"]


def test_compose_database_has_a_named_volume_and_a_healthcheck(compose):
    db = compose["services"]["db"]
    assert "db-data:/var/lib/postgresql/data" in db["volumes"]
    check = db["healthcheck"]
    assert check["test"][0] == "CMD-SHELL" and check["test"][1].startswith("pg_isready")
    assert f"-U {db['environment']['POSTGRES_USER']}" in check["test"][1]
    assert {"db-data", "odoo-data"} <= set(compose["volumes"])


def test_compose_odoo_waits_for_the_healthy_database_and_keeps_its_filestore(compose):
    odoo, db = compose["services"]["odoo"], compose["services"]["db"]
    assert odoo["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert odoo["volumes"] == ["odoo-data:/var/lib/odoo"], "no bind mount: the image holds the addons"
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.conf")
    assert conf["options"]["data_dir"] == "/var/lib/odoo"
    env = odoo["environment"]
    assert env["HOST"] == "db"
    assert (env["USER"], env["PASSWORD"]) == (
        db["environment"]["POSTGRES_USER"],
        db["environment"]["POSTGRES_PASSWORD"],
    )
    assert "8069:8069" in odoo["ports"]


# ---------------------------------------------------------------- entrypoint
def test_entrypoint_creates_the_database_once_then_serves_it(entrypoint):
    serve = entrypoint.split("\n  serve)", 1)[1].split(";;", 1)[0]
    assert "if ! initialised" in serve
    guarded = serve.split("if ! initialised", 1)[1].split("\n    fi\n", 1)[0]
    assert '-i "$(addons)"' in guarded and "--stop-after-init" in guarded
    assert "-i " not in serve.split("\n    fi\n", 1)[1], "the server itself never re-installs"
    assert "state = 'installed'" in entrypoint
    assert f"ADDONS_DIR={copies()['addons']}" in entrypoint


def test_entrypoint_test_command_runs_the_suite_and_drops_its_database(entrypoint):
    test = entrypoint.split("\n  test)", 1)[1].split(";;", 1)[0]
    for flag in ("--test-enable", '--test-tags="$tags"', "--stop-after-init", "--workers=0", "--max-cron-threads=0"):
        assert flag in test
    assert 'dropdb --if-exists "$db"' in test and 'exit "$rc"' in test


# -------------------------------------------------------------------- README
def test_readme_docker_commands_match_the_files(compose, entrypoint, readme_docker):
    commands = readme_commands(readme_docker)
    assert ["docker", "compose", "up", "--build"] in commands
    assert ["docker", "compose", "run", "--rm", "odoo", "test"] in commands
    cases = set(re.findall(r"^  ([a-z]+)\)", entrypoint, re.M))
    assert {"serve", "test", "odoo"} <= cases
    for words in commands:
        if words[2] == "run":
            service, command = words[4], words[5]
            assert service in compose["services"]
            assert command in cases, f"{' '.join(words)}: the entrypoint has no '{command}'"
            if command == "odoo":
                assert (
                    "-d" in words
                    and words[words.index("-d") + 1] == compose["services"]["odoo"]["environment"]["DB_NAME"]
                )
    published = compose["services"]["odoo"]["ports"][0].split(":")[0]
    assert f"http://localhost:{published}" in readme_docker
    for path in ("docker/requirements.txt", "docker/entrypoint.sh", "Dockerfile", "docker-compose.yml"):
        assert (ROOT / path).is_file(), path
        assert f"`{path}`" in readme_docker, f"the README's Docker section names {path}"
    assert "/opt/complaints/addons" in readme_docker and "/var/lib/odoo" in readme_docker


# ------------------------------------------------------------ configurations
def read_conf(name):
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / name)
    return conf["options"]


def test_development_config_has_no_master_password_nor_database_manager():
    options = read_conf("odoo.conf")
    assert "admin_passwd" not in options
    assert options["list_db"] == "False"


def test_production_example():
    options = read_conf("odoo.prod.conf.example")
    assert options["list_db"] == "False"
    assert options["proxy_mode"] == "True"
    assert "admin_passwd" not in options, "no master password in the repository"
    assert "db_password" not in options
    assert options["dbfilter"] and options["db_name"]
    assert int(options["workers"]) >= 2
    assert int(options["max_cron_threads"]) >= 0
    assert int(options["limit_memory_soft"]) < int(options["limit_memory_hard"])
    assert int(options["limit_time_cpu"]) < int(options["limit_time_real"])
    assert options["gevent_port"] == "8072"
