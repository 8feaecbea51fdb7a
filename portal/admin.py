from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Category, DpdContact, FaqEntry

admin.site.register(Category)
admin.site.register(Article, SimpleHistoryAdmin)
admin.site.register(FaqEntry, SimpleHistoryAdmin)
admin.site.register(DpdContact, SimpleHistoryAdmin)
