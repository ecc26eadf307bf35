"""The certifications page: held and planned certifications, with their expiry dates."""
