"""The evidence chain: structured pedimentos, invoices, CFDI and B/Ls built from extractions (with people's
corrections beside the machine values), the links between them, the part catalogue, bills of materials, import
lots, FIFO discharge runs and the findings an auditor would raise."""
