// Prints the place names ICU's CLDR data holds in each language named on the command line, as
// "lang<TAB>kind<TAB>English name<TAB>name in lang" lines, for scripts/make-name-forms.py:
// territories (countries, regions such as "EU", "UN", continents) and the cities that name
// time zones (exemplar cities: "Europe/Moscow" is Moscou, Moskau, Mosca, Москва). A territory's
// short name (CLDR's alt="short": США, ΗΠΑ, ABD, ООН) is printed as a second line when it is
// another word of three letters or more without abbreviation dots ("É.-U." is left out).
// Build: g++ -std=c++17 icu-name-forms.cpp $(pkg-config --cflags --libs icu-i18n icu-uc)
#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <iostream>
#include <memory>
#include <string>

namespace {

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

void territories(const char* lang) {
    const icu::Locale target(lang), english("en");
    UDisplayContext length_short[] = {UDISPCTX_LENGTH_SHORT};
    std::unique_ptr<icu::LocaleDisplayNames> short_names(icu::LocaleDisplayNames::createInstance(target, length_short, 1));
    std::unique_ptr<icu::LocaleDisplayNames> english_short(icu::LocaleDisplayNames::createInstance(english, length_short, 1));
    // Two-letter countries plus the UN M.49 regions CLDR names ("150" Europe, "419" Latin America).
    static const char* const regions[] = {"001", "002", "005", "009", "011", "013", "014", "015", "017", "018",
                                          "019", "021", "029", "030", "034", "035", "039", "053", "054", "057",
                                          "061", "142", "143", "145", "150", "151", "154", "155", "202", "419"};
    auto print = [&](const std::string& code) {
        const icu::Locale loc(("und_" + code).c_str());
        icu::UnicodeString en, local;
        loc.getDisplayCountry(english, en);
        loc.getDisplayCountry(target, local);
        if (en.isEmpty() || local.isEmpty() || utf8(en) == code) return;
        std::cout << lang << "\tterritory:" << code << '\t' << utf8(en) << '\t' << utf8(local) << '\n';
        // With the English short name ("US", "Hong Kong"), whose canonical the alias table gives.
        icu::UnicodeString brief, en_brief;
        short_names->regionDisplayName(code.c_str(), brief);
        english_short->regionDisplayName(code.c_str(), en_brief);
        if (brief != local && brief.length() >= 3 && brief.indexOf(u'.') < 0)
            std::cout << lang << "\tterritory:" << code << '\t' << utf8(en_brief) << '\t' << utf8(brief) << '\n';
    };
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) print(*c);
    for (const char* r : regions) print(r);
    for (const char* r : {"EU", "UN", "EZ"}) print(r);
}

void cities(const char* lang) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> en(icu::TimeZoneNames::createInstance(icu::Locale("en"), status));
    std::unique_ptr<icu::TimeZoneNames> local(icu::TimeZoneNames::createInstance(icu::Locale(lang), status));
    std::unique_ptr<icu::StringEnumeration> ids(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    if (U_FAILURE(status)) return;
    while (const icu::UnicodeString* id = ids->snext(status)) {
        icu::UnicodeString e, l;
        en->getExemplarLocationName(*id, e);
        local->getExemplarLocationName(*id, l);
        if (e.isEmpty() || l.isEmpty()) continue;
        std::cout << lang << "\tcity:" << utf8(*id) << '\t' << utf8(e) << '\t' << utf8(l) << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        territories(argv[i]);
        cities(argv[i]);
    }
}
