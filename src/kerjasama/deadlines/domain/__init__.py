"""Pure deadline logic (no Django): classes of a deadline and which reminder leads are due."""
