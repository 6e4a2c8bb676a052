from django.urls import path

from kerjasama.letters import draft_views, sign_views

app_name = "region_letters"

# Mounted at surat/: the region's letters, the letters of TKKSD meetings, reports and disputes, the letterhead.
urlpatterns = [
    path("", draft_views.region_letters_page, name="list"),
    path("kop/", draft_views.letterhead_page, name="letterhead"),
    path("buat/rapat-tkksd/<int:meeting_id>/", draft_views.draft_from_meeting, name="draft_meeting"),
    path("buat/laporan/<int:report_id>/", draft_views.draft_from_report, name="draft_report"),
    path("buat/perselisihan/<int:dispute_id>/", draft_views.draft_from_dispute, name="draft_dispute"),
    path("<int:letter_id>/", draft_views.subject_letter_page, name="detail"),
    path("<int:letter_id>/tetapkan/", draft_views.subject_letter_finalise, name="finalise"),
    path("<int:letter_id>/versi-baru/", draft_views.subject_letter_new_version, name="new_version"),
    path("<int:letter_id>/surat.pdf", draft_views.subject_letter_pdf, name="pdf"),
    path("<int:letter_id>/tandatangani/", sign_views.subject_letter_sign, name="sign"),
    path("<int:letter_id>/srikandi.zip", sign_views.subject_letter_srikandi, name="srikandi"),
]
