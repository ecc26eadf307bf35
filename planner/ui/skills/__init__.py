"""The skills page: the person's rated skills, rated in place, added from the catalog."""
