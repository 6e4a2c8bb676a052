"""Pure logic of the documents app (no Django): checking an uploaded file's name, type and size."""
