"""The dashboard page: readiness, next steps, progress over time, expiring certifications."""
