"""The Roles page: the catalog with search and filters, a role's page, and compare."""
