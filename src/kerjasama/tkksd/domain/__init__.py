"""The TKKSD's pure rules (no Django import; house rule 1): decree periods and decision outcomes."""
