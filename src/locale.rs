//! Local conventions of one language, from ICU4X and CLDR: dates ("14 mars 2026"), numbers,
//! plural categories and collation (sorting titles and terms as a reader of that language
//! expects: in French "Éric" among the E's, "œuvre" with "oe").
//!
//! This module owns the formatters and how a language code becomes an ICU locale, and
//! ([`names`]) the names of countries and languages from CLDR. It does not hold any text of
//! the site: words come from the theme's strings.

pub mod names;

use std::cmp::Ordering;

use icu_calendar::Date;
use icu_calendar::cal::Gregorian;
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};

/// The formatters of one language. Built once per language and shared by every page.
pub struct Locale {
    dates: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    numbers: DecimalFormatter,
    plurals: PluralRules,
    collator: CollatorBorrowed<'static>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Locale")
    }
}

impl Locale {
    /// The conventions of `code` (a BCP 47 tag). A language CLDR does not know falls back to
    /// the root conventions (ISO-like dates, Western digits), never to an error: a site may
    /// publish in any language.
    pub fn new(code: &str) -> Locale {
        let locale = IcuLocale::try_from_str(code).unwrap_or(IcuLocale::UNKNOWN);
        let dates = FixedCalendarDateTimeFormatter::try_new(locale.clone().into(), YMD::long())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YMD::long()))
            .expect("compiled data has root date patterns");
        let numbers = DecimalFormatter::try_new(locale.clone().into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("compiled data has root number symbols");
        let plurals = PluralRules::try_new(locale.clone().into(), Default::default())
            .or_else(|_| PluralRules::try_new(Default::default(), Default::default()))
            .expect("compiled data has root plural rules");
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Tertiary);
        let collator = Collator::try_new(locale.into(), options)
            .or_else(|_| Collator::try_new(Default::default(), options))
            .expect("compiled data has the root collation");
        Locale {
            dates,
            numbers,
            plurals,
            collator,
        }
    }

    /// A date as readers of this language write it: "14 mars 2026", "March 14, 2026".
    pub fn date(&self, date: jiff::civil::Date) -> String {
        let Ok(gregorian) =
            Date::try_new_gregorian(i32::from(date.year()), date.month() as u8, date.day() as u8)
        else {
            return date.to_string();
        };
        self.dates.format(&gregorian).to_string()
    }

    /// An integer with this language's digits and grouping: "1 234", "١٬٢٣٤".
    pub fn number(&self, n: u64) -> String {
        self.numbers.format(&Decimal::from(n)).to_string()
    }

    /// The CLDR plural category of `n`: `one`, `few`, `other`…
    pub fn plural(&self, n: u64) -> &'static str {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// Compares two texts in this language's alphabetical order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> jiff::civil::Date {
        jiff::civil::date(2026, 3, 14)
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(Locale::new("fr").date(day()), "14 mars 2026");
        assert_eq!(Locale::new("en").date(day()), "March 14, 2026");
        assert_eq!(Locale::new("es").date(day()), "14 de marzo de 2026");
        let ar = Locale::new("ar").date(day());
        assert!(ar.contains("مارس"), "{ar}");
    }

    #[test]
    fn unknown_languages_fall_back_to_root_conventions() {
        assert!(Locale::new("xx").date(day()).contains("2026"));
        assert_eq!(Locale::new("xx").plural(1), "other");
    }

    #[test]
    fn arabic_has_six_plural_forms() {
        let ar = Locale::new("ar");
        let forms: Vec<&str> = [0, 1, 2, 3, 11, 100]
            .iter()
            .map(|n| ar.plural(*n))
            .collect();
        assert_eq!(forms, ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(
            Locale::new("fr").plural(0),
            "one",
            "French counts 0 as singular"
        );
        assert_eq!(Locale::new("en").plural(0), "other");
    }

    #[test]
    fn french_collation() {
        let fr = Locale::new("fr");
        let mut words = vec!["Zola", "œuvre", "Éric", "Emma", "Ode", "eric", "Faust"];
        words.sort_by(|a, b| fr.compare(a, b));
        assert_eq!(
            words,
            ["Emma", "eric", "Éric", "Faust", "Ode", "œuvre", "Zola"]
        );
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(Locale::new("en").number(1234), "1,234");
        assert_eq!(Locale::new("fr").number(1234), "1\u{202f}234");
    }
}
