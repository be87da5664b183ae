"""Words the web UI shows, in Arabic and English: interface labels, PLOVER types and modes, roles.

Arabic is the default language of the interface; every label has both forms so that the English switch
changes every word of the interface (the records themselves are shown as they are).
"""

from __future__ import annotations

LANGUAGES = ("ar", "en")

# PLOVER types from cooperation to material conflict: the lanes of the timeline chart, in this order.
PLOVER = {
    "AGREE": ("اتفاق", "Agree"),
    "CONSULT": ("تشاور", "Consult"),
    "SUPPORT": ("دعم", "Support"),
    "CONCEDE": ("تنازل", "Concede"),
    "COOPERATE": ("تعاون", "Cooperate"),
    "AID": ("مساعدة", "Aid"),
    "RETREAT": ("انسحاب", "Retreat"),
    "REQUEST": ("طلب", "Request"),
    "DEMAND": ("مطالبة", "Demand"),
    "ACCUSE": ("اتهام", "Accuse"),
    "DISAPPROVE": ("استنكار", "Disapprove"),
    "REJECT": ("رفض", "Reject"),
    "INVESTIGATE": ("تحقيق", "Investigate"),
    "THREATEN": ("تهديد", "Threaten"),
    "PROTEST": ("احتجاج", "Protest"),
    "SANCTION": ("عقوبات", "Sanction"),
    "MOBILIZE": ("تعبئة", "Mobilize"),
    "COERCE": ("إكراه", "Coerce"),
    "ASSAULT": ("هجوم", "Assault"),
}

MODES = {
    "phone": ("اتصال هاتفي", "phone call"),
    "visit": ("زيارة", "visit"),
    "aerial": ("قصف جوي", "air strike"),
    "drone": ("طائرة مسيّرة", "drone"),
    "discontinue": ("وقف أو قطع", "discontinue"),
    "disapprove": ("استنكار", "disapprove"),
    "firearms": ("أسلحة نارية", "firearms"),
    "explosives": ("متفجرات", "explosives"),
    "heavy-weapons": ("أسلحة ثقيلة", "heavy weapons"),
    "suicide-attack": ("هجوم انتحاري", "suicide attack"),
    "targeted": ("استهداف محدد", "targeted"),
    "abduct": ("خطف", "abduction"),
    "arrest": ("اعتقال", "arrest"),
    "torture": ("تعذيب", "torture"),
    "demo": ("تظاهرة", "demonstration"),
    "riot": ("أعمال شغب", "riot"),
    "strike": ("إضراب", "strike"),
    "hunger": ("إضراب عن الطعام", "hunger strike"),
    "allege": ("ادعاء", "allegation"),
    "investigate": ("تحقيق", "investigation"),
    "withdraw": ("خفض العلاقات", "reduced relations"),
    "expel": ("طرد", "expulsion"),
    "convict": ("حكم قضائي", "conviction"),
    "seize": ("سيطرة", "seizure"),
    "release": ("إفراج", "release"),
}

UI = {
    "site": ("حدث", "hadath"),
    "tagline": (
        "الأحداث السياسية في الأخبار العربية، كل حدث مرة واحدة مع مصادره",
        "Political events in Arabic news, each event once with its sources",
    ),
    "home": ("الرئيسية", "Home"),
    "timeline": ("الخط الزمني", "Timeline"),
    "search": ("بحث", "Search"),
    "search_placeholder": ("ابحث عن شخص أو بلد أو حدث…", "Search for a person, country or event…"),
    "api_docs": ("واجهة البرمجة", "API"),
    "switch_language": ("English", "العربية"),
    "latest_events": ("أحدث الأحداث", "Latest events"),
    "country_pairs": ("أزواج الدول", "Country pairs"),
    "events": ("الأحداث", "Events"),
    "event": ("حدث", "Event"),
    "articles": ("المقالات", "Articles"),
    "article": ("مقال", "Article"),
    "entities": ("الكيانات", "Entities"),
    "entity": ("كيان", "Entity"),
    "rejected": ("المرفوضات", "Rejected"),
    "date": ("التاريخ", "Date"),
    "type": ("النوع", "Type"),
    "mode": ("الأسلوب", "Mode"),
    "cameo": ("رمز CAMEO", "CAMEO code"),
    "actors": ("الأطراف", "Actors"),
    "actor": ("الطرف", "Actor"),
    "role": ("الدور", "Role"),
    "country": ("البلد", "Country"),
    "sector": ("القطاع", "Sector"),
    "place": ("المكان", "Place"),
    "context": ("السياق", "Context"),
    "gist": ("الخلاصة بالإنجليزية", "English gist"),
    "sources": ("المصادر", "Sources"),
    "source_articles": ("المقالات المصدر", "Source articles"),
    "outlet": ("الوسيلة الإعلامية", "Outlet"),
    "outlets": ("الوسائل الإعلامية", "Outlets"),
    "published": ("تاريخ النشر", "Published"),
    "evidence": ("جملة الدليل", "Evidence"),
    "evidence_missing": (
        "انضم هذا المقال إلى الحدث لتشابه نصه، دون جملة دليل خاصة به",
        "This article joined the event by its similar text, without an evidence sentence of its own",
    ),
    "quotes": ("التصريحات", "Quotes"),
    "speaker": ("المتحدث", "Speaker"),
    "unknown_speaker": ("متحدث غير محدد", "unknown speaker"),
    "counts": ("الأعداد", "Counts"),
    "title": ("العنوان", "Title"),
    "untitled": ("(بلا عنوان)", "(untitled)"),
    "undated": ("بلا تاريخ", "undated"),
    "undated_events": ("أحداث بلا تاريخ", "Undated events"),
    "names": ("الأسماء والتهجئات", "Names and spellings"),
    "terms": ("المناصب والولايات", "Roles and terms"),
    "roles_in_events": ("الدور في الأحداث", "Role in events"),
    "events_over_time": ("الأحداث عبر الزمن", "Events over time"),
    "mentioned_in": ("ورد في المقالات", "Mentioned in articles"),
    "kind": ("الصنف", "Kind"),
    "text": ("النص", "Text"),
    "language": ("اللغة", "Language"),
    "segment": ("المقطع", "Segment"),
    "source": ("المصدر", "Source"),
    "duplicate_of": ("نسخة من", "Copy of"),
    "same_story": ("تقارير أخرى عن الخبر نفسه", "Other reports of the same story"),
    "reports": ("الأحداث التي يرويها", "Events it reports"),
    "story": ("الخبر", "Story"),
    "open_story": ("كل تقارير الخبر", "Every report of the story"),
    "story_span": ("فترة النشر", "Published"),
    "story_articles": ("تقارير الخبر، الأحدث أولاً", "Reports of the story, newest first"),
    "story_events": ("أحداث الخبر", "Events of the story"),
    "story_mentioned": ("أحداث أخرى تذكرها تقاريره", "Other events its reports mention"),
    "mentioned_events": ("أحداث أخرى مذكورة", "other events mentioned"),
    "original": ("الرابط الأصلي", "Original"),
    "listed_first": ("تظهر أول", "Showing the first"),
    "main_event": ("الحدث الرئيسي", "main event"),
    "background": ("حدث خلفية", "background event"),
    "main_only": ("الأحداث الرئيسية فقط", "Main events only"),
    "all_types": ("كل الأنواع", "All types"),
    "show": ("عرض", "Show"),
    "pair": ("زوج الدول", "Country pair"),
    "choose_pair": ("اختر زوجاً من الدول", "Choose a pair of countries"),
    "export": ("تصدير ما يظهر", "Export what is shown"),
    "export_all": ("تصدير قاعدة البيانات كاملة", "Export the whole database"),
    "results": ("النتائج", "Results"),
    "no_results": ("لا نتائج", "No results"),
    "no_events": ("لا أحداث", "No events"),
    "previous": ("السابق", "Previous"),
    "next": ("التالي", "Next"),
    "page": ("صفحة", "Page"),
    "of": ("من", "of"),
    "legend": ("دليل الألوان", "Legend"),
    "imprecise": ("تاريخ تقريبي (شهر أو سنة)", "approximate date (month or year)"),
    "marks_legend": ("المميَّز في النص:", "Marked in the text:"),
    "person": ("شخص", "person"),
    "organization": ("منظمة", "organisation"),
    "location": ("مكان", "place"),
    "date_mark": ("تاريخ", "date"),
    "not_found": ("غير موجود", "Not found"),
    "bad_request": ("طلب غير صالح", "Bad request"),
    "error": ("خطأ", "Error"),
    "back_home": ("العودة إلى الرئيسية", "Back to the home page"),
    "from": ("من", "from"),
    "to": ("إلى", "to"),
    "n_sources": ("عدد المصادر", "sources"),
}

ROLES = {"source": ("الفاعل", "source"), "target": ("المستهدف", "target")}

KINDS = {
    "PER": ("شخص", "person"),
    "ORG": ("منظمة", "organisation"),
    "LOC": ("مكان", "place"),
    "article": ("مقال", "article"),
    "event": ("حدث", "event"),
    "entity": ("كيان", "entity"),
}

CONTEXTS = {
    "historical": ("تاريخي", "historical"),
    "negated": ("منفي", "negated"),
    "future": ("مستقبلي", "future"),
    "hypothetical": ("افتراضي", "hypothetical"),
}

PRECISION = {
    "day": ("يوم", "day"),
    "week": ("أسبوع", "week"),
    "month": ("شهر", "month"),
    "year": ("سنة", "year"),
}

TABLES = {
    "articles": UI["articles"],
    "events": UI["events"],
    "entities": UI["entities"],
    "rejected": UI["rejected"],
}


def pick(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    """The label of ``key`` in ``lang``; an unknown key is shown as it is."""
    if key is None:
        return ""
    forms = table.get(key)
    if forms is None:
        return key
    return forms[0] if lang == "ar" else forms[1]


def type_class(plover: str | None) -> str:
    """The CSS class colouring a PLOVER type (``t-other`` for a type the stylesheet does not know)."""
    return f"t-{plover}" if plover in PLOVER else "t-other"
