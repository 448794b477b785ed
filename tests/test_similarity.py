import pytest
from complaint_engine.similarity import bigrams, subject_similarity


def test_bigrams_ignore_digits_and_punctuation():
    assert bigrams("运单 773012345678 未收到！") == {"运单", "单未", "未收", "收到"}
    assert bigrams("") == set()
    assert bigrams("a") == {"a"}


@pytest.mark.parametrize(
    "first, second, similar",
    [
        ("保养后发动机异响", "发动机异响，保养后更严重", True),
        ("运单 773012345678 显示已签收但未收到", "运单 773099999999 显示已签收未收到快件", True),
        ("Engine noise after service", "engine noise after the service", True),
        ("保养后发动机异响", "前台接待态度冷淡", False),
        ("", "发动机异响", False),
    ],
)
def test_subject_similarity(first, second, similar):
    assert (subject_similarity(first, second) >= 0.3) is similar
