"""`python -m legcramps check`: every edition read as its build reads it, plus the content rules CI enforces."""
