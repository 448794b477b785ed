{
    "name": "Complaint Handling: Employee Grievances and Contracts",
    "summary": "The anti-retaliation watch of employee grievances also looks at contracts: "
    "a contract ended or shortened, or a pay cut, during the watch period raises an alert",
    "version": "18.0.1.0.0",
    "category": "Services/Complaints",
    "license": "LGPL-3",
    "author": "Complaint Suite Team",
    "website": "https://github.com/complaint-suite/complaint-suite",
    "development_status": "Beta",
    "maintainers": ["complaint-suite"],
    "depends": ["complaint_employee", "hr_contract"],
    "data": [],
    "auto_install": True,
    "installable": True,
}
