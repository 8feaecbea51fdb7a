from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts import policy
from core.files import serve_private
from core.ratelimit import public_rate_limit
from regions.models import Province

from . import lookups, registers
from .models import Article, Category, DpdContact, FaqEntry


def home(request):
    return render(request, "portal/home.html", {"provinces": Province.objects.all()})


@require_GET
@public_rate_limit("register-search", "60/m")
@lookups.refuse_number_harvesting
@cache_control(public=True, max_age=120)
def social_worker_register(request):
    q = registers.clean_query(request.GET.get("q"))
    province = request.GET.get("provinsi", "")[:2]
    searched = bool(q or province)
    results = registers.search_social_workers(q, province) if searched else []
    if not results and lookups.searched_number(q):
        lookups.missed(request)
    return render(
        request,
        "portal/social_worker_register.html",
        {"q": q, "province": province, "provinces": Province.objects.all(), "results": results, "searched": searched},
    )


@require_GET
@public_rate_limit("register-search", "60/m")
@lookups.refuse_number_harvesting
@cache_control(public=True, max_age=120)
def search(request):
    """One search box for both registers: a name, or any number a credential carries (member
    number, STR, SIPPS, certificate, accreditation certificate or decree), answered with the
    social workers and the institutions it finds."""
    q = registers.clean_query(request.GET.get("q"))
    people = registers.search_social_workers(q) if q else []
    institutions = registers.search_lks(q) if q else []
    if q and not people and lookups.searched_number(q):
        lookups.missed(request)
    return render(request, "portal/search.html", {"q": q, "people": people, "institutions": institutions, "searched": bool(q)})


# --- articles, FAQ, contacts, how to register ---------------------------------------------------


@require_GET
@public_rate_limit("register-search", "60/m")
@cache_control(public=True, max_age=120)
@vary_on_headers("HX-Target")
def lks_register(request):
    from accreditation.models import TargetGroup
    from regions.models import Regency

    q = registers.clean_query(request.GET.get("q"))
    province = registers.clean_query(request.GET.get("provinsi"))[:2]
    regency = registers.clean_query(request.GET.get("kabupaten"))[:5]
    group = registers.clean_query(request.GET.get("sasaran"))[:40]
    if regency and not province:
        province = regency[:2]
    # The regency list follows the province: only that province's regencies and cities, not 514.
    regencies = Regency.objects.filter(province__code=province).only("code", "name") if province else Regency.objects.none()
    if regency and not regencies.filter(code=regency).exists():
        regency = ""
    context = {"q": q, "province": province, "regency": regency, "group": group, "regencies": regencies}
    if request.headers.get("HX-Target") == "kabupaten":
        # htmx asks only for the regency list of the chosen province.
        return render(request, "portal/_lks_regency_select.html", context)
    searched = bool(q or regency or province or group)
    context.update(
        searched=searched,
        results=registers.search_lks(q, regency, group, province_code=province) if searched else [],
        overview=None if searched else registers.lks_overview(),
        provinces=Province.objects.all(),
        groups=TargetGroup.objects.all(),
    )
    return render(request, "portal/lks_register.html", context)


@cache_control(public=True, max_age=300)
def article_list(request, category_slug=None):
    category = get_object_or_404(Category, slug=category_slug) if category_slug else None
    articles = Article.objects.published().select_related("category")
    if category:
        articles = articles.filter(category=category)
    return render(
        request,
        "portal/article_list.html",
        {"articles": articles[:100], "category": category, "categories": Category.objects.all()},
    )


@cache_control(public=True, max_age=300)
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("category"), slug=slug)
    return render(request, "portal/article_detail.html", {"article": article})


def article_image(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    if not article.image:
        raise Http404
    response = serve_private(article.image)
    response["Cache-Control"] = "public, max-age=86400"  # published images are public content
    return response


@cache_control(public=True, max_age=300)
def faq(request):
    return render(request, "portal/faq.html", {"entries": FaqEntry.objects.all()})


@cache_control(public=True, max_age=300)
def dpd_contacts(request):
    return render(request, "portal/dpd_contacts.html", {"contacts": DpdContact.objects.select_related("province")})


@cache_control(public=True, max_age=300)
def how_to_register(request):
    from registry.models import FeeSchedule

    fees = FeeSchedule.objects.in_force().order_by("category", "-year")
    return render(request, "portal/how_to_register.html", {"fees": fees})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /staf/",
        "Disallow: /akun/",
        "Disallow: /admin/",
        "Disallow: /v/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# --- content editing ------------------------------------------------------------------------------
class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "category",
            "slug",
            "title_id",
            "title_en",
            "summary_id",
            "summary_en",
            "body_id",
            "body_en",
            "image",
            "image_alt",
            "status",
        ]
        widgets = {"body_id": forms.Textarea(attrs={"rows": 14}), "body_en": forms.Textarea(attrs={"rows": 8})}

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for readers who cannot see it."))
        return data


def _require_editor(user):
    if not policy.allows(user, "portal.edit_content"):
        raise PermissionDenied


@login_required
def editor_list(request):
    _require_editor(request.user)
    return render(
        request, "portal/editor_list.html", {"articles": Article.objects.select_related("category").order_by("-updated_at")[:200]}
    )


@login_required
def editor_edit(request, pk=None):
    _require_editor(request.user)
    article = get_object_or_404(Article, pk=pk) if pk else None
    form = ArticleForm(request.POST or None, request.FILES or None, instance=article)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.save(commit=False)  # shown, not saved
        else:
            saved = form.save(commit=False)
            if saved.status == Article.Status.PUBLISHED and saved.published_at is None:
                saved.published_at = timezone.now()
            saved.author = saved.author or request.user
            saved._history_user = request.user
            saved.save()
            messages.success(request, _("The article was saved."))
            return redirect("portal:editor_list")
    return render(request, "portal/editor_edit.html", {"form": form, "article": article, "preview": preview})
