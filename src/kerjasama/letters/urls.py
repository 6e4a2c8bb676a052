from django.urls import path

from kerjasama.letters import sign_views, views

app_name = "letters"

# Mounted at kerja-sama/<int:agreement_id>/surat/.
urlpatterns = [
    path("", views.letters_page, name="list"),
    path("<int:letter_id>/", views.letter_page, name="detail"),
    path("<int:letter_id>/tetapkan/", views.letter_finalise, name="finalise"),
    path("<int:letter_id>/versi-baru/", views.letter_new_version, name="new_version"),
    path("<int:letter_id>/surat.pdf", views.letter_pdf_download, name="pdf"),
    # Electronic signing and the SRIKANDI bundle (issue 15 items 3-4; letters/sign_views.py).
    path("<int:letter_id>/tandatangani/", sign_views.letter_sign, name="sign"),
    path("<int:letter_id>/srikandi.zip", sign_views.letter_srikandi, name="srikandi"),
    path("srikandi.zip", sign_views.letters_srikandi, name="srikandi_set"),
]
