"""Pure logic of the obligations app (house rule 1: no Django import)."""
