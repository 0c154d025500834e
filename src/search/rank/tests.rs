//! The ranking rules, each on a small catalogue.

use super::*;
use crate::search::{SearchCard, SearchDoc};
use std::sync::Arc;

fn film(id: &str, title: &str, directors: &str, summary: &str) -> Arc<SearchDoc> {
    Arc::new(SearchDoc {
        id: id.to_string(),
        kind: 0,
        year: Some(2000),
        title: title.to_string(),
        directors: directors.to_string(),
        people: String::new(),
        summary: summary.to_string(),
        body: format!("{title}. {summary}"),
        facets: Default::default(),
        card: SearchCard {
            title: title.to_string(),
            url: format!("/en/films/{id}/"),
            kind: 0,
            year: None,
            summary: String::new(),
            image: None,
            lang: None,
        },
    })
}

fn catalogue() -> LangIndex {
    let docs = vec![
        film(
            "a",
            "To Be or Not to Be",
            "Ernst Lubitsch",
            "A troupe of actors in Warsaw.",
        ),
        film(
            "b",
            "Her",
            "Spike Jonze",
            "A man falls for his computer's voice.",
        ),
        film(
            "c",
            "Sing",
            "Richard Baskett",
            "A singing contest in a school.",
        ),
        film(
            "d",
            "The Singer",
            "Lee Singh",
            "A singer and his songs; singing every night.",
        ),
        film("e", "The Well", "Sam Jones", "A village and its well."),
        film(
            "f",
            "Citizen Kane",
            "Orson Welles",
            "A newspaper magnate, told by those who knew him well.",
        ),
        film("g", "Night Moves", "Arthur Penn", "A detective on a case."),
        film(
            "h",
            "Unbreakable",
            "M. Night Shyamalan",
            "A man who moves unharmed.",
        ),
        film("i", "Farinelli", "Gérard Corbiau", "The castrato's life."),
        film(
            "j",
            "Being There",
            "Hal Ashby",
            "A gardener becomes a sage.",
        ),
    ];
    crate::search::build("en", docs).unwrap()
}

fn first(index: &LangIndex, q: &str) -> String {
    let ranked = index.rank(q, None, 10);
    let doc = ranked.top.first().map_or(u32::MAX, |(d, _)| *d);
    index
        .docs
        .get(doc as usize)
        .map_or_else(|| "nothing".into(), |d| d.title.clone())
}

#[test]
fn titles_of_stop_words_are_found() {
    let index = catalogue();
    assert_eq!(first(&index, "to be or not to be"), "To Be or Not to Be");
    assert_eq!(first(&index, "Her"), "Her");
    assert_eq!(first(&index, "being there "), "Being There");
}

#[test]
fn the_word_typed_comes_before_its_completions_and_names_are_not_stemmed() {
    let index = catalogue();
    assert_eq!(first(&index, "Sing"), "Sing");
    assert_eq!(first(&index, "The Well"), "The Well");
    assert_eq!(first(&index, "Night Moves"), "Night Moves");
    assert_eq!(first(&index, "Welles"), "Citizen Kane");
    assert_eq!(first(&index, "citiz"), "Citizen Kane");
}

#[test]
fn a_surname_finds_the_makers_work_before_a_title_with_that_word() {
    let docs = vec![
        film("a", "Action Jackson", "Craig R. Baxley", "A detective."),
        film("b", "Braindead", "Peter Jackson", "A zombie comedy."),
        film("c", "Woo", "Daisy von Scherler Mayer", "A night out."),
        film("d", "Face/Off", "John Woo", "Two faces swapped."),
        film("e", "Patch Adams", "Tom Shadyac", "A doctor who clowns."),
        film(
            "f",
            "Robin Hood",
            "Michael Curtiz\nWilliam Keighley",
            "Sherwood.",
        ),
    ];
    let index = crate::search::build("en", docs).unwrap();
    // The maker's surname is exact; one word of a longer title is not.
    assert_eq!(first(&index, "Jackson"), "Braindead");
    assert_eq!(first(&index, "peter jackson "), "Braindead");
    assert_eq!(first(&index, "Keighley"), "Robin Hood");
    // A title equal to the query stays first, before a maker of that surname.
    assert_eq!(first(&index, "Woo"), "Woo");
    assert_eq!(first(&index, "Action Jackson"), "Action Jackson");
    // A given name alone is not exact: the title word wins on the field rule.
    assert_eq!(first(&index, "Adams"), "Patch Adams");
    // Nothing else changes order: without a maker of that surname, the title wins.
    assert_eq!(first(&index, "Hood"), "Robin Hood");
}

#[test]
fn a_performers_surname_finds_their_films_after_a_maker_of_that_surname() {
    let with_cast = |id: &str, title: &str, directors: &str, people: &str| {
        let mut doc = Arc::unwrap_or_clone(film(id, title, directors, "A film."));
        doc.people = people.to_string();
        Arc::new(doc)
    };
    let docs = vec![
        with_cast(
            "a",
            "Romancing the Stone",
            "Robert Zemeckis",
            "Michael Douglas",
        ),
        with_cast(
            "b",
            "Basic Instinct",
            "Paul Verhoeven",
            "Michael Douglas\nSharon Stone",
        ),
        with_cast("c", "Platoon", "Oliver Stone", "Charlie Sheen"),
        with_cast("d", "Stone Cold Stone", "Ann Other", "Brian Bosworth"),
        with_cast(
            "e",
            "Casino",
            "Martin Scorsese",
            "Robert De Niro\nStone, Sharon",
        ),
        with_cast(
            "f",
            "Wall Street",
            "Oliver Stone",
            "Michael Douglas\nCharlie Sheen",
        ),
        with_cast("g", "Charlie Wilson's War", "Mike Nichols", "Tom Hanks"),
        with_cast("h", "The Martin Fellers", "Ann Other", "Brian Bosworth"),
        with_cast(
            "i",
            "Family Vacation",
            "Ann Other",
            "Cedric the Entertainer\nSteve Martin",
        ),
    ];
    let index = crate::search::build("en", docs).unwrap();
    let order = |q: &str| -> Vec<String> {
        let ranked = index.rank(q, None, 10);
        ranked
            .top
            .iter()
            .map(|(d, _)| index.docs[*d as usize].title.clone())
            .collect()
    };
    // The director's films, then the performer's ("Last, First" too), then the titles
    // with the word: a surname is how people are named.
    let stone = order("Stone");
    assert_eq!(
        stone[..2]
            .iter()
            .filter(|t| t.as_str() == "Platoon" || t.as_str() == "Wall Street")
            .count(),
        2,
        "{stone:?}"
    );
    assert_eq!(
        stone[2..4]
            .iter()
            .filter(|t| t.as_str() == "Basic Instinct" || t.as_str() == "Casino")
            .count(),
        2,
        "{stone:?}"
    );
    assert_eq!(stone.len(), 6, "{stone:?}");
    // The whole name as credited.
    assert_eq!(
        order("sharon stone ")[..2]
            .iter()
            .filter(|t| t.as_str() != "Platoon" && t.as_str() != "Wall Street")
            .count(),
        2
    );
    // A performer's given name alone is not exact: the title word comes first.
    assert_eq!(first(&index, "Charlie"), "Charlie Wilson's War");
    // Two words of two performers are not a name.
    assert_eq!(first(&index, "the martin "), "The Martin Fellers");
}

#[test]
fn a_typo_is_forgiven_from_five_letters() {
    let index = catalogue();
    assert_eq!(first(&index, "Farinvlli"), "Farinelli");
    assert_eq!(first(&index, "Unbraekable "), "Unbreakable");
    // Four letters: no typo allowed.
    assert_eq!(first(&index, "Kame "), "nothing");
}

#[test]
fn a_typo_that_makes_another_real_word_is_corrected_below_it() {
    let docs = vec![
        film(
            "a",
            "House of the Dead",
            "Uwe Boll",
            "Zombies on an island.",
        ),
        film("b", "War Horse", "Steven Spielberg", "A horse in the war."),
        film("c", "Horse Feathers", "Norman McLeod", "A college comedy."),
        film("d", "The Dead Horse", "Ann Other", "A fable."),
    ];
    let index = crate::search::build("en", docs).unwrap();
    // "horse" is a word of two titles, yet "house" is among its candidates: the query's
    // other words bring the film with the corrected word first.
    assert_eq!(first(&index, "horse of the dead "), "House of the Dead");
    // Alone, the word typed ranks before its correction (the typo rule).
    let ranked = index.rank("horse ", None, 10);
    let titles: Vec<&str> = ranked
        .top
        .iter()
        .map(|(d, _)| index.docs[*d as usize].title.as_str())
        .collect();
    assert_eq!(titles.len(), 4);
    assert_eq!(titles[3], "House of the Dead");
}

#[test]
fn a_first_letter_typo_that_makes_another_real_word_is_corrected_from_titles() {
    let docs = vec![
        film("a", "Happy Feet", "George Miller", "Penguins sing."),
        film(
            "b",
            "Cold Feet",
            "Robert Dornhelm",
            "A nappy, a sappy tale.",
        ),
        film("c", "Feet of Clay", "Cecil B. DeMille", "A silent drama."),
        // "cappy" is a real word of a title; "happy" shares its end, not its start.
        film("d", "Cappy Ricks", "Tom Forman", "A sea captain."),
    ];
    let index = crate::search::build("en", docs).unwrap();
    assert_eq!(first(&index, "cappy feet "), "Happy Feet");
    // Only words of titles and names are read by their end: "nappy" and "sappy", words
    // of a summary only, are not candidates.
    let words = index.candidates("cappy ");
    let forms: Vec<&str> = words[0].iter().map(|c| c.form.as_str()).collect();
    assert_eq!(forms, ["cappy", "happy"]);
}

#[test]
fn a_typo_in_the_last_word_is_corrected_even_when_it_completes() {
    let docs = vec![
        film("a", "Lost in Alaska", "Jean Yarbrough", "A gold rush."),
        film(
            "b",
            "Lost in Space",
            "Stephen Hopkins",
            "A family in space.",
        ),
        film("c", "Spades and Hearts", "Ann Other", "A card game."),
    ];
    let index = crate::search::build("en", docs).unwrap();
    // "spade" completes to "spades", yet "space" is what the visitor meant.
    assert_eq!(first(&index, "Lost in Spade"), "Lost in Space");
    let space = index.candidates("spade").remove(0);
    let space = space.iter().find(|c| c.form == "space").unwrap();
    assert_eq!((space.typos, space.fields), (1, NAME_FIELDS));
}

#[test]
fn a_word_being_typed_completes_in_titles_before_the_word_in_summaries() {
    let mut docs = vec![
        film("a", "Superbad", "Greg Mottola", "Two teenagers."),
        film("b", "Super Troopers", "Jay Chandrasekhar", "Five troopers."),
    ];
    for i in 0..3 {
        let id = format!("s{i}");
        let title = format!("Summer {i}");
        docs.push(film(&id, &title, "Ann Other", "A super film."));
    }
    let index = crate::search::build("en", docs).unwrap();
    let ranked = index.rank("Super", None, 10);
    let titles: Vec<&str> = ranked
        .top
        .iter()
        .map(|(d, _)| index.docs[*d as usize].title.as_str())
        .collect();
    // The word in a title first, its completion in a title next, then the word found
    // only in summaries; once the word is complete, its completions are not searched.
    assert_eq!(titles[..2], ["Super Troopers", "Superbad"]);
    assert_eq!(titles.len(), 5);
    let complete = index.rank("Super ", None, 10);
    assert!(
        complete
            .top
            .iter()
            .all(|(d, _)| index.docs[*d as usize].id != "a")
    );
}

#[test]
fn a_title_with_fewer_other_words_comes_first_where_the_rules_tie() {
    let docs = vec![
        film("a", "His Night Out", "Ann Other", "A night in town."),
        film("b", "Night Watch", "Ann Other", "A guard."),
        film("c", "Money Madness", "Ann Other", "Money, money."),
        film("d", "Money, Money, Money", "Ann Other", "A farce."),
    ];
    let index = crate::search::build("en", docs).unwrap();
    // BM25 prefers the film whose summary says "night" too; the title with fewer
    // words besides the query's comes first.
    assert_eq!(first(&index, "night "), "Night Watch");
    // Words of the query repeated in the title are not words left out.
    assert_eq!(first(&index, "honey money money "), "Money, Money, Money");
}

#[test]
fn a_word_found_as_typed_only_in_long_text_weighs_as_a_typo_in_a_title() {
    let docs = vec![
        film("a", "The Fall of Rome", "Ann Other", "An empire falling."),
        film("b", "The Calling", "Ann Other", "A phone rings."),
    ];
    let index = crate::search::build("en", docs).unwrap();
    // "falling" is a word of a summary only; "calling", one typo away, is a title's.
    assert_eq!(first(&index, "the falling "), "The Calling");
    // A word of a title stays before its corrections.
    assert_eq!(first(&index, "the fall "), "The Fall of Rome");
}

#[test]
fn a_letter_being_typed_is_not_an_initial_in_a_name() {
    let docs = vec![
        film("a", "The Blood Orchid", "Dwight H. Little", "Snakes."),
        film("b", "The Hoax", "Lasse Hallström", "A fake memoir."),
    ];
    let index = crate::search::build("en", docs).unwrap();
    assert_eq!(first(&index, "The H"), "The Hoax");
    // Once followed by a space, the letter is a word, found in names too.
    assert_eq!(first(&index, "Dwight H "), "The Blood Orchid");
}

#[test]
fn a_title_that_repeats_a_word_is_exact_only_for_itself() {
    let mut docs = vec![film("w", "Woman, Woman!", "Dennis Côté", "A drama.")];
    for (i, other) in ["Apache", "Another", "Jungle"].iter().enumerate() {
        let title = format!("{other} Woman");
        let id = format!("o{i}");
        docs.push(film(&id, &title, "Ann Other", "A woman, a woman's woman."));
    }
    let index = crate::search::build("en", docs).unwrap();
    // Two-word titles with "woman" once are not the title "Woman, Woman!", however
    // often their summaries say it.
    assert_eq!(first(&index, "Woman, Woman!"), "Woman, Woman!");
    assert_eq!(first(&index, "Apache Woman"), "Apache Woman");
}
