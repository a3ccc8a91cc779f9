"""`/add/`: analysts with the articles.add_pages permission add pages from the browser, and see what came of them.

The work is in articles/uploads.py; these views read the forms and show the records.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .upload_forms import FilesForm, PasteForm
from .upload_records import Upload
from .uploads import add_files, add_pasted, outcome_counts, statement_counts

PERMISSION = "articles.add_pages"


def can_add(view):
    # Logged out: the login page. Logged in without the permission: 403.
    return login_required(permission_required(PERMISSION, raise_exception=True)(view))


@can_add
def add_pages(request):
    files_form, paste_form = FilesForm(), PasteForm()
    if request.method == "POST" and "paste" in request.POST:
        paste_form = PasteForm(request.POST)
        if paste_form.is_valid():
            upload = add_pasted(request.user, **paste_form.cleaned_data)
            return redirect("articles:upload", pk=upload.pk)
    elif request.method == "POST":
        files_form = FilesForm(request.POST, request.FILES)
        if files_form.is_valid():
            upload = add_files(request.user, files_form.cleaned_data["files"])
            return redirect("articles:upload", pk=upload.pk)

    ctx = {
        "section": "add",
        "files_form": files_form,
        "paste_form": paste_form,
        "uploads": Upload.objects.visible_to(request.user).select_related("user")[:10],
        "zip_max_files": settings.UPLOAD_ZIP_MAX_FILES,
        "zip_max_mb": settings.UPLOAD_ZIP_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "articles/add_pages.html", ctx, status=400 if request.method == "POST" else 200)


@can_add
def upload_detail(request, pk):
    upload = get_object_or_404(Upload.objects.visible_to(request.user).select_related("user"), pk=pk)
    files = list(upload.files.select_related("article", "article__source"))
    counts = statement_counts(files)
    for file in files:
        file.statement_count = counts.get(file.article_id, 0)
    ctx = {
        "section": "add",
        "upload": upload,
        "files": files,
        "counts": outcome_counts(files),
    }
    return render(request, "articles/upload_detail.html", ctx)


@can_add
def upload_list(request):
    uploads = Upload.objects.visible_to(request.user).select_related("user")
    ctx = {"section": "add", "page_obj": Paginator(uploads, 25).get_page(request.GET.get("page"))}
    return render(request, "articles/upload_list.html", ctx)
