from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_rules import HoldsNoRules

from .models import Article, Category, DpdContact, FaqEntry


@admin.register(Article)
class ArticleAdmin(HoldsNoRules, SimpleHistoryAdmin):
    # Publishing stamps the date and the author: the editor's pages do it.
    service_owned = ("status", "published_at", "author")
    made_in = "portal:editor_list"


admin.site.register(Category)
admin.site.register(FaqEntry, SimpleHistoryAdmin)
admin.site.register(DpdContact, SimpleHistoryAdmin)
