from django.urls import path

from kerjasama.letters import views

app_name = "letters"

# Mounted at kerja-sama/<int:agreement_id>/surat/.
urlpatterns = [
    path("", views.letters_page, name="list"),
    path("<int:letter_id>/", views.letter_page, name="detail"),
    path("<int:letter_id>/tetapkan/", views.letter_finalise, name="finalise"),
    path("<int:letter_id>/versi-baru/", views.letter_new_version, name="new_version"),
    path("<int:letter_id>/surat.pdf", views.letter_pdf_download, name="pdf"),
]
