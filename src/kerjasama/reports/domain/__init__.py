"""Pure code of the reports app (no Django): reporting periods and the report content builder."""
