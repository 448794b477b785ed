"""The dealer's roles (seed 004, 六、七) as team role codes."""

SECTOR = "automotive"

SALES_DIRECTOR = "sales_director"
SERVICE_DIRECTOR = "service_director"
RETAIL_MANAGER = "retail_manager"
SERVICE_MANAGER = "service_manager"
SHOWROOM_MANAGER = "showroom_manager"
CALLBACK_SPECIALIST = "callback_specialist"
CUSTOMER_CARE_MANAGER = "customer_care_manager"
CUSTOMER_CARE_DIRECTOR = "customer_care_director"
GENERAL_MANAGER = "general_manager"
# not a role of its own: the retail manager of a sales complaint, the service
# manager of an after-sales one (who signs for it, 签收)
LINE_MANAGER = "line_manager"

# (code, English name, escalation level)
ROLES = (
    (RETAIL_MANAGER, "Retail Manager", 10),
    (SERVICE_MANAGER, "Service Manager", 10),
    (SHOWROOM_MANAGER, "Showroom Manager", 20),
    (CALLBACK_SPECIALIST, "Callback Specialist", 20),
    (CUSTOMER_CARE_MANAGER, "Customer-Care Manager", 20),
    (SALES_DIRECTOR, "Sales Director", 30),
    (SERVICE_DIRECTOR, "Service Director", 30),
    (CUSTOMER_CARE_DIRECTOR, "Customer-Care Director", 30),
    (GENERAL_MANAGER, "General Manager", 40),
)

LINES = ("sales", "service")
LINE_MANAGERS = {"sales": RETAIL_MANAGER, "service": SERVICE_MANAGER}
LINE_DIRECTORS = {"sales": SALES_DIRECTOR, "service": SERVICE_DIRECTOR}


def line_for_category(category_code: str | None) -> str:
    """After-sales for repair-quality complaints, sales otherwise."""
    return "service" if (category_code or "") == "AUTO-REPAIR" else "sales"


# who may record a lost complaint form (seed 004, 七 7): the customer-care
# manager who hands the forms out and takes them back, and the directors
FORM_LOST_ROLES = (CUSTOMER_CARE_MANAGER, SALES_DIRECTOR, SERVICE_DIRECTOR, CUSTOMER_CARE_DIRECTOR, GENERAL_MANAGER)
# who review recurring complaints and record the long-term measures (七 11)
RECURRING_REVIEW_ROLES = (SALES_DIRECTOR, CUSTOMER_CARE_DIRECTOR)
