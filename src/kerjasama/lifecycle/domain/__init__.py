"""Pure logic of the lifecycle of an agreement in force (house rule 1: no Django import)."""
