"""read: a document's text → mentions (sentences, quantities, times), as spans of the original.

Everything here works on a normalised view of the text (`normalize`) and reports offsets
into the text as published.
"""
