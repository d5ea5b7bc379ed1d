"""Select-to-annotate on the Article change page: service.py does the work,
views.py holds the admin endpoints and the JSON the page starts from."""
