# The complaint suite on Odoo's official image: our Python dependencies and
# addons are baked in, so the container starts without installing anything.
#   docker compose up --build        (docker-compose.yml builds this file)
FROM odoo:18

USER root
# what the official image lacks (it ships Odoo's own dependencies as Debian packages)
COPY docker/requirements.txt /opt/complaints/requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/complaints/requirements.txt

# the addons live outside the image's /mnt/extra-addons VOLUME, so a rebuilt
# image is never hidden by the anonymous volume of an older container
COPY addons /opt/complaints/addons
COPY config/odoo.conf /etc/odoo/odoo.conf
COPY docker/entrypoint.sh /opt/complaints/entrypoint.sh
RUN chmod 755 /opt/complaints/entrypoint.sh && chown -R odoo /etc/odoo /opt/complaints/addons

USER odoo
ENV ODOO_RC=/etc/odoo/odoo.conf
EXPOSE 8069 8072
ENTRYPOINT ["/opt/complaints/entrypoint.sh"]
CMD ["serve"]
