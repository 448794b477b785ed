from . import (
    complaint_category,
    complaint_channel,
    complaint_complaint,
    complaint_party,
    complaint_stage,
    complaint_tag,
    complaint_team,
    res_config_settings,
)
