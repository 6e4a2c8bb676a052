"""Pure logic of monitoring and evaluation (monev): no Django import (house rule 1)."""
