"""The guided set-up: choose a target role, rate the skills it needs, say how much time."""
