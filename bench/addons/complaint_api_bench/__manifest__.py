{
    "name": "Complaint API Benchmark Baseline",
    "summary": "Benchmark only: a bare mail.thread record created through the complaint API's request pipeline",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "Complaint Suite Team",
    "website": "https://github.com/complaint-suite/complaint-suite",
    "depends": ["complaint_base"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
}
