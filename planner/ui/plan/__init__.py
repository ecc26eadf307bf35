"""The plan page: steps by phase with their details, hours per week, and the timeline."""
