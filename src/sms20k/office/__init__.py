"""The client questionnaire: an Excel workbook built from the evidence repository, and its
answers merged back into the evidence files."""
