#!/usr/bin/env python3
"""Generate a synthetic vitrine catalogue for benchmarks.

    scripts/gen-catalogue.py --records 10000 --languages fr,en --seed 1 --out DIR
                             [--theme-dir PATH]

Writes a complete site into DIR (which must not exist or be empty): site.yaml,
data/{themes,roles,institutions,countries,languages}.yaml, two free pages, and N
records spread over the five kinds, each with a record.yaml and one <lang>.md
(~300 words of Markdown) per site language. Every field follows docs/reference.md. No images or resource
files are written, so records have no `images` or `resources`. Text is built from
pseudo-sentences over a fixed vocabulary: French for `fr*` languages, English for
every other language (only the language names in site.yaml are localised beyond that).

The output is a pure function of the arguments: Python standard library only, one
`random.Random` seeded from (seed, record index) per record, no wall clock, no
iteration over hashed containers. Record i is the same whatever --records is, so a
1,000-record catalogue is the first 1,000 records of the 10,000-record one.

DIR/themes is a copy of --theme-dir (default: the repository's themes/ folder,
found relative to this script): vitrine refuses symbolic links that leave the site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

# --------------------------------------------------------------------------
# YAML scalars

_YAML_RESERVED = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|\.inf|-\.inf|\+\.inf|\.nan)$", re.I
)
_YAML_NUMLIKE = re.compile(
    r"""^[-+]?(?:
        0[xob][0-9a-f_]+                                  # 0x.., 0o.., 0b..
      | [0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?       # sexagesimal (YAML 1.1): 4:05
      | (?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:e[-+]?[0-9]+)?   # int, float
    )$
    | ^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}                     # date, timestamp
    """,
    re.I | re.X,
)
_BLOCK_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|\s$|[\n\t]")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def ystr(s: str, flow: bool = False) -> str:
    """A YAML scalar for the string s: plain when that reads back as the same string
    under YAML 1.1 and 1.2 alike, double-quoted (JSON syntax is valid YAML) otherwise."""
    if (
        not s
        or _BLOCK_UNSAFE.search(s)
        or (flow and _FLOW_UNSAFE.search(s))
        or _YAML_RESERVED.match(s)
        or _YAML_NUMLIKE.match(s)
    ):
        return json.dumps(s, ensure_ascii=False)
    return s


def yflow_map(d: dict[str, str]) -> str:
    """`{fr: …, en: …}` with keys in insertion order."""
    return "{" + ", ".join(f"{k}: {ystr(v, flow=True)}" for k, v in d.items()) + "}"


def yflow_list(items: list[str]) -> str:
    return "[" + ", ".join(ystr(v, flow=True) for v in items) + "]"


def pick(rng: random.Random, seq):
    """rng.choice, three times cheaper (it is most of the generator's time)."""
    return seq[int(rng.random() * len(seq))]


def slugify(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("œ", "oe").replace("æ", "ae"))
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# --------------------------------------------------------------------------
# Words. Base forms below; inflected forms are derived by simple rules, which gives
# a few thousand word forms per language (pseudo-sentences, not grammar).

FR_NOUNS = """
mémoire fleuve village ville quartier frontière marché école femme homme enfant famille
mère père sœur frère voyage chemin route désert forêt montagne mer océan île rivage port
pays nation peuple langue parole voix chant chanson musique rythme danse tambour guitare
kora récit histoire conte légende roman poème poésie livre page lettre mot nom image
photographie film cinéma écran caméra regard lumière ombre nuit jour matin soir saison
hiver été printemps automne pluie vent soleil lune étoile ciel terre sable pierre arbre
fleur jardin champ récolte pêcheur berger paysan ouvrier artiste peintre poète écrivain
musicien chanteuse danseuse étudiant professeur élève jeunesse vieillesse exil migration
retour départ arrivée rencontre amitié amour colère espoir silence rêve souvenir oubli
héritage tradition modernité révolution indépendance liberté justice résistance guerre
paix dignité identité culture société politique économie travail argent pouvoir archive
musée exposition bibliothèque théâtre scène festival concert atelier maison rue place
fenêtre porte cour toit mur pont gare train bateau pirogue avion voiture taxi moto vélo
marchand commerçant tailleur forgeron potier tisserand griot conteur marabout imam prêtre
roi reine prince princesse chef soldat général président ministre député maire juge
avocat médecin infirmière sage-femme ingénieur architecte journaliste photographe
cinéaste réalisatrice actrice acteur comédien scénariste monteuse producteur éditeur
traducteur lecteur spectateur public auditeur visiteur habitant voisin ami ennemi
étranger voyageur exilé réfugié migrant combattant héros héroïne témoin victime
coupable secret mystère énigme crime enquête vérité mensonge promesse trahison pardon
vengeance destin hasard chance malheur bonheur joie tristesse peur courage honte
fierté désir passion tendresse solitude absence présence attente patience fatigue
sommeil faim soif maladie santé corps visage main pied cœur tête œil bouche peau sang
cheveu épaule dos ventre souffle geste pas danseur siècle époque année mois semaine heure
instant moment minute avenir passé présent origine racine source fin commencement
naissance enfance adolescence mariage fête cérémonie rituel prière croyance dieu esprit
âme fantôme ancêtre génération lignée tribu clan royaume empire colonie république
capitale province région campagne banlieue faubourg bidonville palais château mosquée
église temple cimetière hôpital prison usine mine plantation cacao café coton riz mil
manioc mangue datte thé sucre sel huile pain lait miel poisson viande repas cuisine
recette marmite table chaise lit tapis natte pagne boubou robe chapeau bijou collier
couleur rouge bleu vert noir blanc or argent cuivre fer bois papier encre plume crayon
cahier carnet journal revue magazine radio télévision téléphone réseau écriture
lecture dessin peinture sculpture photographie gravure affiche carte plan atlas
boussole horizon paysage rivière lac source cascade colline vallée plaine savane
brousse oasis dune falaise plage vague marée tempête orage sécheresse inondation
climat nature animal oiseau cheval chameau chèvre mouton vache lion éléphant singe
crocodile serpent tortue baleine requin corbeau aigle colombe papillon abeille fourmi
""".split()

FR_ADJECTIVES = """
ancien jeune grand petit long court lent rapide fort faible riche pauvre libre seul
heureux malheureux joyeux silencieux mystérieux dangereux courageux généreux curieux
nombreux précieux lumineux douloureux amoureux fabuleux glorieux nerveux sérieux
vif actif attentif créatif sportif naïf pensif intuitif collectif discret
naturel culturel éternel réel universel personnel traditionnel exceptionnel
quotidien ancien africain américain européen marocain tunisien algérien libanais
haïtien canadien malien sénégalais ivoirien congolais camerounais malgache vietnamien
brésilien mexicain québécois belge suisse français anglais arabe
premier dernier entier étranger fier léger cher amer
rouge jaune rose sombre calme triste tranquille fragile immense étrange sauvage
simple pauvre libre riche célèbre moderne classique politique poétique magique
tragique comique épique lyrique historique artistique économique numérique
populaire solitaire ordinaire extraordinaire imaginaire légendaire nécessaire
urbain rural lointain proche profond haut bas clair obscur chaud froid doux
vrai faux plein vide ouvert fermé perdu retrouvé caché oublié rêvé inconnu connu
brûlant glacé sacré maudit béni blessé endormi éveillé vivant mort ardent patient
prudent puissant brillant charmant élégant important intéressant émouvant troublant
surprenant étonnant méchant savant innocent violent absent présent récent constant
national international régional local social mondial central oral musical tropical
""".split()

FR_VERBS = """
raconter chanter danser marcher habiter traverser regarder écouter parler rêver porter
garder chercher trouver montrer donner créer jouer filmer photographier dessiner tisser
cultiver récolter pêcher naviguer voyager changer partager manger nager bouger ranger
commencer avancer lancer placer tracer annoncer prononcer effacer renoncer menacer
quitter rester tomber monter passer entrer rentrer retourner arriver demander
chercher imaginer inventer explorer découvrir observer dénoncer honorer
transmettre transformer traduire adapter interpréter accompagner rassembler
réunir organiser présenter proposer publier éditer enregistrer diffuser
programmer animer inviter accueillir visiter exposer représenter incarner évoquer
cacher dévoiler briser libérer sauver aider soigner aimer adorer
détester oublier pardonner accepter refuser affronter combattre lutter résister
survivre tenter essayer réussir échouer gagner perdre attendre douter
penser rêver sembler demeurer devenir hériter fonder bâtir construire détruire
reconstruire réparer préparer cuisiner goûter respirer souffler murmurer crier
pleurer rire sourire saluer embrasser serrer toucher caresser frapper pousser
tirer baisser allumer éteindre brûler briller éclairer illuminer colorer
peindre sculpter graver imprimer lire écrire signer dessiner copier noter compter
mesurer calculer analyser étudier enseigner apprendre expliquer comprendre montrer
""".split()

FR_ADVERBS = """
lentement doucement rapidement longuement simplement profondément vraiment
souvent parfois toujours jamais encore déjà bientôt ensemble ailleurs ici là-bas
autrefois aujourd'hui demain hier enfin pourtant cependant ainsi alors aussi
soudain peu_à_peu tard tôt loin près partout nulle_part
""".split()

FR_PREPOSITIONS = """
dans sur sous avec sans pour par entre vers chez contre depuis pendant après avant
derrière devant près_de loin_de autour_de au-delà_de face_à
""".split()

FR_CONJUNCTIONS = "et mais ou donc car puis tandis_que lorsque quand alors_que".split()

EN_NOUNS = """
memory river village city neighbourhood border market school woman man child family
mother father sister brother journey path road desert forest mountain sea ocean island
shore harbour country nation people language word voice song music rhythm dance drum
guitar story tale legend novel poem poetry book page letter name image photograph film
cinema screen camera gaze light shadow night day morning evening season winter summer
spring autumn rain wind sun moon star sky earth sand stone tree flower garden field
harvest fisherman shepherd farmer worker artist painter poet writer musician singer
dancer student teacher pupil youth exile migration return departure arrival encounter
friendship love anger hope silence dream memory oblivion heritage tradition revolution
independence freedom justice resistance war peace dignity identity culture society
politics economy work money power archive museum exhibition library theatre stage
festival concert workshop house street square window door courtyard roof wall bridge
station train boat canoe plane car taxi bicycle merchant tailor blacksmith potter
weaver storyteller priest king queen prince princess chief soldier general president
minister mayor judge lawyer doctor nurse midwife engineer architect journalist
photographer filmmaker director actress actor screenwriter editor producer publisher
translator reader audience listener visitor neighbour friend enemy stranger traveller
refugee migrant fighter hero heroine witness victim secret mystery riddle crime
investigation truth lie promise betrayal forgiveness revenge fate chance misfortune
happiness joy sadness fear courage shame pride desire passion tenderness solitude
absence presence patience sleep hunger thirst illness health body face hand foot heart
head eye mouth skin blood hair shoulder breath gesture step century era year month week
hour moment minute future past present origin root source end beginning birth
childhood adolescence wedding feast ceremony ritual prayer belief god spirit soul ghost
ancestor generation lineage tribe clan kingdom empire colony republic capital province
region countryside suburb palace castle mosque church temple cemetery hospital prison
factory mine plantation cocoa coffee cotton rice millet cassava mango date tea sugar
salt oil bread milk honey fish meat meal kitchen recipe table chair bed carpet mat
dress hat jewel necklace colour gold silver copper iron wood paper ink pen pencil
notebook diary journal magazine radio television telephone network writing reading
drawing painting sculpture engraving poster map atlas compass horizon landscape lake
waterfall hill valley plain savannah bush oasis dune cliff beach wave tide storm
drought flood climate nature animal bird horse camel goat sheep cow lion elephant
monkey crocodile snake turtle whale shark crow eagle dove butterfly bee ant
""".split()

EN_ADJECTIVES = """
ancient young great small long short slow quick strong weak rich poor free lonely
happy unhappy joyful silent mysterious dangerous brave generous curious numerous
precious luminous painful loving fabulous glorious nervous serious lively active
attentive creative naive pensive intuitive collective discreet natural cultural
eternal real universal personal traditional exceptional daily old African American
European Moroccan Tunisian Algerian Lebanese Haitian Canadian Malian Senegalese
Ivorian Congolese Cameroonian Malagasy Vietnamese Brazilian Mexican Belgian Swiss
French English Arabic first last whole foreign proud light dear bitter red yellow
pink dark calm sad quiet fragile immense strange wild simple famous modern classical
political poetic magical tragic comic epic lyrical historical artistic economic
digital popular solitary ordinary extraordinary imaginary legendary necessary urban
rural distant near deep high low clear obscure warm cold gentle true false full empty
open closed lost found hidden forgotten dreamed unknown known burning frozen sacred
cursed blessed wounded asleep awake living dead ardent patient prudent powerful
brilliant charming elegant important interesting moving troubling surprising
astonishing wicked learned innocent violent absent present recent constant national
international regional local social global central oral musical tropical
""".split()

EN_VERBS = """
tell sing dance walk live cross look listen speak dream carry keep search find show
give create play film draw weave cultivate harvest fish sail travel change share eat
swim move arrange start advance launch place trace announce pronounce erase renounce
threaten leave remain fall climb pass enter return arrive ask imagine invent explore
discover observe denounce celebrate honour transmit transform translate adapt
interpret accompany gather unite organise present propose publish edit record
broadcast project programme host invite welcome visit exhibit represent embody evoke
recall reveal hide unveil break free save help heal love adore hate forget forgive
accept refuse face fight struggle resist survive attempt try succeed fail earn lose
wait hope doubt think seem become inherit found build destroy rebuild repair prepare
cook taste breathe blow murmur shout weep laugh smile greet embrace touch caress
strike push pull raise lower light burn shine illuminate colour paint sculpt engrave
print read write sign copy note count measure calculate analyse study teach learn
explain understand
""".split()

EN_ADVERBS = """
slowly gently quickly long simply deeply truly often sometimes always never again
already soon together elsewhere here there once today tomorrow yesterday finally
however thus then also suddenly gradually late early far near everywhere nowhere
""".split()

EN_PREPOSITIONS = """
in on under with without for by between towards against since during after before
behind across beyond around through among along beneath near within
""".split()

EN_CONJUNCTIONS = "and but or so for then while when whereas as".split()

EN_IRREGULAR = {
    # base: (3rd person, past, past participle, -ing)
    "tell": ("tells", "told", "told", "telling"), "sing": ("sings", "sang", "sung", "singing"),
    "find": ("finds", "found", "found", "finding"), "give": ("gives", "gave", "given", "giving"),
    "draw": ("draws", "drew", "drawn", "drawing"), "weave": ("weaves", "wove", "woven", "weaving"),
    "swim": ("swims", "swam", "swum", "swimming"), "eat": ("eats", "ate", "eaten", "eating"),
    "keep": ("keeps", "kept", "kept", "keeping"), "leave": ("leaves", "left", "left", "leaving"),
    "fall": ("falls", "fell", "fallen", "falling"), "speak": ("speaks", "spoke", "spoken", "speaking"),
    "break": ("breaks", "broke", "broken", "breaking"), "forget": ("forgets", "forgot", "forgotten", "forgetting"),
    "forgive": ("forgives", "forgave", "forgiven", "forgiving"), "fight": ("fights", "fought", "fought", "fighting"),
    "lose": ("loses", "lost", "lost", "losing"), "think": ("thinks", "thought", "thought", "thinking"),
    "become": ("becomes", "became", "become", "becoming"), "build": ("builds", "built", "built", "building"),
    "rebuild": ("rebuilds", "rebuilt", "rebuilt", "rebuilding"), "blow": ("blows", "blew", "blown", "blowing"),
    "strike": ("strikes", "struck", "struck", "striking"), "shine": ("shines", "shone", "shone", "shining"),
    "read": ("reads", "read", "read", "reading"), "write": ("writes", "wrote", "written", "writing"),
    "teach": ("teaches", "taught", "taught", "teaching"), "understand": ("understands", "understood", "understood", "understanding"),
    "hide": ("hides", "hid", "hidden", "hiding"), "found": ("founds", "founded", "founded", "founding"),
    "light": ("lights", "lit", "lit", "lighting"), "burn": ("burns", "burnt", "burnt", "burning"),
    "learn": ("learns", "learnt", "learnt", "learning"), "dream": ("dreams", "dreamt", "dreamt", "dreaming"),
    "seem": ("seems", "seemed", "seemed", "seeming"), "free": ("frees", "freed", "freed", "freeing"),
    "face": ("faces", "faced", "faced", "facing"), "fail": ("fails", "failed", "failed", "failing"),
    "plan": ("plans", "planned", "planned", "planning"), "travel": ("travels", "travelled", "travelled", "travelling"),
    "programme": ("programmes", "programmed", "programmed", "programming"), "transmit": ("transmits", "transmitted", "transmitted", "transmitting"), "sail": ("sails", "sailed", "sailed", "sailing"),
}


def _fr_plural(w: str) -> str:
    if w[-1] in "sxz":
        return w
    if w.endswith(("eau", "au")) or w in ("cheveu", "jeu", "feu", "lieu"):
        return w + "x"
    if w.endswith("al") and w not in ("festival", "carnaval", "récital", "bal"):
        return w[:-2] + "aux"
    if w == "œil":
        return "yeux"
    return w + "s"


_FR_FEMININE_IRREGULAR = {"long": "longue", "bas": "basse", "faux": "fausse",
                          "discret": "discrète", "doux": "douce", "naïf": "naïve"}


def _fr_feminine(w: str) -> str:
    if w in _FR_FEMININE_IRREGULAR:
        return _FR_FEMININE_IRREGULAR[w]
    for end, fem in (("eux", "euse"), ("if", "ive"), ("el", "elle"), ("ien", "ienne"),
                     ("éen", "éenne"), ("on", "onne"), ("er", "ère"), ("eil", "eille")):
        if w.endswith(end):
            return w[: -len(end)] + fem
    if w.endswith("e"):
        return w
    return w + "e"


# Verbs not in -er: 3rd person singular, plural, imperfect stem, perfect (3sg, 3pl).
_FR_IRREGULAR = {
    "découvrir": ("découvre", "découvrent", "découvr", "a découvert", "ont découvert"),
    "accueillir": ("accueille", "accueillent", "accueill", "a accueilli", "ont accueilli"),
    "transmettre": ("transmet", "transmettent", "transmett", "a transmis", "ont transmis"),
    "traduire": ("traduit", "traduisent", "traduis", "a traduit", "ont traduit"),
    "construire": ("construit", "construisent", "construis", "a construit", "ont construit"),
    "détruire": ("détruit", "détruisent", "détruis", "a détruit", "ont détruit"),
    "reconstruire": ("reconstruit", "reconstruisent", "reconstruis", "a reconstruit", "ont reconstruit"),
    "réunir": ("réunit", "réunissent", "réuniss", "a réuni", "ont réuni"),
    "réussir": ("réussit", "réussissent", "réussiss", "a réussi", "ont réussi"),
    "bâtir": ("bâtit", "bâtissent", "bâtiss", "a bâti", "ont bâti"),
    "combattre": ("combat", "combattent", "combatt", "a combattu", "ont combattu"),
    "survivre": ("survit", "survivent", "surviv", "a survécu", "ont survécu"),
    "perdre": ("perd", "perdent", "perd", "a perdu", "ont perdu"),
    "attendre": ("attend", "attendent", "attend", "a attendu", "ont attendu"),
    "devenir": ("devient", "deviennent", "deven", "est devenu", "sont devenus"),
    "rire": ("rit", "rient", "ri", "a ri", "ont ri"),
    "sourire": ("sourit", "sourient", "souri", "a souri", "ont souri"),
    "éteindre": ("éteint", "éteignent", "éteign", "a éteint", "ont éteint"),
    "peindre": ("peint", "peignent", "peign", "a peint", "ont peint"),
    "lire": ("lit", "lisent", "lis", "a lu", "ont lu"),
    "écrire": ("écrit", "écrivent", "écriv", "a écrit", "ont écrit"),
    "apprendre": ("apprend", "apprennent", "appren", "a appris", "ont appris"),
    "comprendre": ("comprend", "comprennent", "comprenn", "a compris", "ont compris"),
}


def _fr_verb_forms(inf: str) -> tuple[list[str], list[str]]:
    """3rd person singular and plural forms of an infinitive: present, imperfect,
    perfect and a periphrase with the infinitive itself."""
    if inf in _FR_IRREGULAR:
        sg3, pl3, impf, perf_sg, perf_pl = _FR_IRREGULAR[inf]
        return ([sg3, impf + "ait", perf_sg, "va " + inf, "semble " + inf],
                [pl3, impf + "aient", perf_pl, "vont " + inf])
    if not inf.endswith("er"):
        raise ValueError(f"French verb without conjugation rule: {inf}")
    stem = inf[:-2]
    # manger → mangeait, commencer → commençait
    soft = stem + "e" if stem.endswith("g") else stem[:-1] + "ç" if stem.endswith("c") else stem
    participle = stem + "é"
    sg = [stem + "e", soft + "ait", "a " + participle, "va " + inf, "semble " + inf]
    pl = [stem + "ent", soft + "aient", "ont " + participle, "vont " + inf]
    return sg, pl


def _en_plural(w: str) -> str:
    irregular = {"man": "men", "woman": "women", "child": "children", "foot": "feet",
                 "sheep": "sheep", "fish": "fish", "people": "peoples", "life": "lives",
                 "knife": "knives", "fisherman": "fishermen", "wolf": "wolves"}
    if w in irregular:
        return irregular[w]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def _en_verb_forms(v: str) -> tuple[str, str, str, str]:
    if v in EN_IRREGULAR:
        return EN_IRREGULAR[v]
    if v.endswith(("s", "x", "z", "ch", "sh", "o")):
        s = v + "es"
    elif v.endswith("y") and v[-2] not in "aeiou":
        s = v[:-1] + "ies"
    else:
        s = v + "s"
    if v.endswith("e"):
        past = v + "d"
    elif v.endswith("y") and v[-2] not in "aeiou":
        past = v[:-1] + "ied"
    else:
        past = v + "ed"
    if v.endswith("ie"):
        ing = v[:-2] + "ying"
    elif v.endswith("e") and not v.endswith("ee"):
        ing = v[:-1] + "ing"
    else:
        ing = v + "ing"
    return s, past, past, ing


def _uniq(seq):
    return list(dict.fromkeys(seq))


class Lexicon:
    """Word pools of one language and a pseudo-sentence generator over them."""

    def __init__(self, code: str, french: bool):
        self.code = code
        self.french = french
        if french:
            nouns = _uniq(FR_NOUNS)
            self.nouns_sg = nouns
            self.nouns_pl = [_fr_plural(n) for n in nouns]
            adjs = _uniq(FR_ADJECTIVES)
            fem = [_fr_feminine(a) for a in adjs]
            self.adj_sg = _uniq(adjs + fem)
            self.adj_pl = _uniq([_fr_plural(a) for a in adjs] + [f + "s" for f in fem])
            self.verb_sg, self.verb_pl = [], []
            for v in _uniq(FR_VERBS):
                sg, pl = _fr_verb_forms(v)
                self.verb_sg += sg
                self.verb_pl += pl
            self.det_sg = ["le", "la", "un", "une", "ce", "cette", "son", "sa", "leur",
                           "notre", "chaque", "le", "la", "le", "la", "un", "une"]
            self.det_pl = ["les", "des", "ces", "ses", "leurs", "nos", "plusieurs",
                           "quelques", "les", "les", "des"]
            self.adverbs = [a.replace("_", " ") for a in FR_ADVERBS]
            self.preps = [p.replace("_", " ") for p in FR_PREPOSITIONS]
            self.conjs = [c.replace("_", " ") for c in FR_CONJUNCTIONS]
            self.openers = ["Dans", "Depuis", "Pendant", "Après", "Avant", "Entre", "Sous",
                            "Loin de", "Près de", "Au-delà de", "Avec"]
        else:
            nouns = _uniq(EN_NOUNS)
            self.nouns_sg = nouns
            self.nouns_pl = [_en_plural(n) for n in nouns]
            self.adj_sg = self.adj_pl = _uniq(EN_ADJECTIVES)
            self.verb_sg, self.verb_pl = [], []
            for v in _uniq(EN_VERBS):
                s, past, pp, ing = _en_verb_forms(v)
                self.verb_sg += [s, past, "has " + pp, "is " + ing, "will " + v]
                self.verb_pl += [v, past, "have " + pp, "are " + ing]
            self.det_sg = ["the", "a", "this", "that", "her", "his", "their", "our",
                           "each", "every", "the", "the", "a", "a"]
            self.det_pl = ["the", "these", "those", "their", "our", "many", "some",
                           "several", "the", "the"]
            self.adverbs = EN_ADVERBS
            self.preps = EN_PREPOSITIONS
            self.conjs = EN_CONJUNCTIONS
            self.openers = ["In", "Since", "During", "After", "Before", "Between", "Under",
                            "Far from", "Near", "Beyond", "With"]

    def vocabulary(self) -> list[str]:
        """Every distinct word form the generator can write (for the record)."""
        pools = (self.nouns_sg, self.nouns_pl, self.adj_sg, self.adj_pl, self.verb_sg,
                 self.verb_pl, self.det_sg, self.det_pl, self.adverbs, self.preps, self.conjs)
        return _uniq(w for pool in pools for form in pool for w in form.split(" "))

    # Noun phrases ------------------------------------------------------------

    def np(self, rng: random.Random, plural: bool | None = None) -> tuple[str, bool]:
        if plural is None:
            plural = rng.random() < 0.35
        if plural:
            det, noun = pick(rng, self.det_pl), pick(rng, self.nouns_pl)
            adj = pick(rng, self.adj_pl) if rng.random() < 0.45 else None
        else:
            det, noun = pick(rng, self.det_sg), pick(rng, self.nouns_sg)
            adj = pick(rng, self.adj_sg) if rng.random() < 0.45 else None
        if self.french:
            if noun[0] in "aeiouâàéèêhîïôœuy":
                if det in ("le", "la"):
                    det = "l'"
                elif det == "ce":
                    det = "cet"
            head = f"{det}{noun}" if det == "l'" else f"{det} {noun}"
            if adj:
                head = f"{head} {adj}"
            if rng.random() < 0.15:
                head += f" de {pick(rng, self.nouns_sg)}"
            return head, plural
        if adj:
            noun = f"{adj} {noun}"
        if det == "a" and noun[0].lower() in "aeiou":
            det = "an"
        return f"{det} {noun}", plural

    def pp(self, rng: random.Random) -> str:
        return f"{pick(rng, self.preps)} {self.np(rng)[0]}"

    def clause(self, rng: random.Random) -> str:
        subject, plural = self.np(rng)
        verb = pick(rng, self.verb_pl if plural else self.verb_sg)
        r = rng.random()
        if r < 0.55:
            out = f"{subject} {verb} {self.np(rng)[0]}"
        elif r < 0.8:
            out = f"{subject} {verb} {self.pp(rng)}"
        else:
            out = f"{subject} {verb} {pick(rng, self.adverbs)}"
        if rng.random() < 0.35:
            out += " " + self.pp(rng)
        return out

    def sentence(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.2:
            text = f"{pick(rng, self.openers)} {self.np(rng)[0]}, {self.clause(rng)}"
        elif r < 0.45:
            text = f"{self.clause(rng)}, {pick(rng, self.conjs)} {self.clause(rng)}"
        else:
            text = self.clause(rng)
        return text[0].upper() + text[1:] + ("." if rng.random() < 0.93 else " ?" if self.french else "?")

    def words(self, rng: random.Random, n: int) -> list[str]:
        """n content words (nouns and adjectives), for titles and headings."""
        pool = pick(rng, (self.nouns_sg, self.nouns_sg, self.adj_sg, self.nouns_pl))
        return [pick(rng, pool) for _ in range(n)]

    def title(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.5:
            t = self.np(rng)[0]
        elif r < 0.75:
            t = f"{self.np(rng)[0]} {pick(rng, self.preps)} {self.np(rng)[0]}"
        else:
            t = pick(rng, self.nouns_sg) + (" et " if self.french else " and ") + pick(rng, self.nouns_pl)
        return t[0].upper() + t[1:]

    def emphasised(self, rng: random.Random, sentence: str) -> str:
        words = sentence.split(" ")
        if len(words) < 4:
            return sentence
        i = rng.randrange(1, len(words) - 1)
        mark = "**" if rng.random() < 0.4 else "*"
        words[i] = f"{mark}{words[i].rstrip(',')}{mark}" + ("," if words[i].endswith(",") else "")
        return " ".join(words)


def body_plan(rng: random.Random) -> list[tuple[str, int]]:
    """Block structure of a ~300-word body, shared by every translation of a record:
    ("p", sentences), ("h", words) or ("ul"/"ol", items)."""
    target = rng.randint(250, 350)
    words = 0
    plan: list[tuple[str, int]] = []
    last = "h"
    while words < target:
        r = rng.random()
        if last == "p" and r < 0.18:
            plan.append(("h", rng.randint(2, 5)))
            words += 4
            last = "h"
        elif last == "p" and r < 0.30:
            kind = "ul" if rng.random() < 0.75 else "ol"
            n = rng.randint(3, 5)
            plan.append((kind, n))
            words += 7 * n
            last = "l"
        else:
            n = rng.randint(2, 5)
            plan.append(("p", n))
            words += 12 * n
            last = "p"
    return plan


def render_body(rng: random.Random, lex: Lexicon, plan, record_id: str) -> str:
    out: list[str] = []
    for kind, n in plan:
        if kind == "p":
            sentences = [lex.sentence(rng) for _ in range(n)]
            if rng.random() < 0.45:
                i = rng.randrange(n)
                sentences[i] = lex.emphasised(rng, sentences[i])
            if rng.random() < 0.08:
                label = " ".join(lex.words(rng, rng.randint(1, 3)))
                sentences.append(f"[{label}](https://www.example.org/{lex.code}/ressources/{record_id}).")
            out.append(" ".join(sentences))
        elif kind == "h":
            h = " ".join(lex.words(rng, n))
            out.append("## " + h[0].upper() + h[1:])
        else:
            items = []
            for k in range(n):
                item = lex.clause(rng) if rng.random() < 0.5 else lex.np(rng)[0]
                item = item[0].upper() + item[1:]
                if rng.random() < 0.15:
                    item = lex.emphasised(rng, item)
                items.append(("- " if kind == "ul" else f"{k + 1}. ") + item)
            out.append("\n".join(items))
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Vocabularies (data/)

THEMES = [
    ("cinema-francophone", "Cinéma francophone", "French-language cinema"),
    ("memoire", "Mémoire et histoire", "Memory and history"),
    ("migrations", "Migrations et exils", "Migration and exile"),
    ("droits-des-femmes", "Droits des femmes", "Women's rights"),
    ("enfance", "Enfance et jeunesse", "Childhood and youth"),
    ("langue-francaise", "Langue française", "French language"),
    ("ecologie", "Écologie et climat", "Ecology and climate"),
    ("villes", "Villes et urbanisme", "Cities and urban life"),
    ("musiques-urbaines", "Musiques urbaines", "Urban music"),
    ("jazz", "Jazz", "Jazz"),
    ("musiques-traditionnelles", "Musiques traditionnelles", "Traditional music"),
    ("litterature-jeunesse", "Littérature jeunesse", "Children's literature"),
    ("bande-dessinee", "Bande dessinée", "Comics"),
    ("poesie", "Poésie", "Poetry"),
    ("theatre", "Théâtre", "Theatre"),
    ("danse", "Danse", "Dance"),
    ("arts-visuels", "Arts visuels", "Visual arts"),
    ("photographie", "Photographie", "Photography"),
    ("architecture", "Architecture", "Architecture"),
    ("patrimoine", "Patrimoine", "Heritage"),
    ("sciences", "Sciences et techniques", "Science and technology"),
    ("cultures-numeriques", "Cultures numériques", "Digital cultures"),
    ("education", "Éducation", "Education"),
    ("fle", "Français langue étrangère", "French as a foreign language"),
    ("traduction", "Traduction", "Translation"),
    ("philosophie", "Philosophie", "Philosophy"),
    ("histoire-coloniale", "Histoire coloniale", "Colonial history"),
    ("independances", "Indépendances", "Independence movements"),
    ("spiritualites", "Religions et spiritualités", "Religions and spirituality"),
    ("gastronomie", "Gastronomie", "Food and cooking"),
    ("sport", "Sport", "Sport"),
    ("mode-design", "Mode et design", "Fashion and design"),
    ("sante", "Santé", "Health"),
    ("ruralite", "Agriculture et ruralité", "Farming and rural life"),
    ("mers-oceans", "Mers et océans", "Seas and oceans"),
    ("deserts", "Déserts", "Deserts"),
    ("diasporas", "Diasporas", "Diasporas"),
    ("humour", "Humour", "Comedy"),
    ("polar", "Polar", "Crime fiction"),
    ("science-fiction", "Science-fiction", "Science fiction"),
    ("biographies", "Biographies", "Biographies"),
    ("democratie", "Démocratie et citoyenneté", "Democracy and citizenship"),
]

ROLES = [
    ("director", "Réalisation", "Director"),
    ("screenwriter", "Scénario", "Screenwriter"),
    ("producer", "Production", "Producer"),
    ("actor", "Interprétation", "Cast"),
    ("cinematographer", "Image", "Cinematography"),
    ("film-editor", "Montage", "Film editing"),
    ("composer", "Musique originale", "Composer"),
    ("author", "Texte", "Author"),
    ("translator", "Traduction", "Translator"),
    ("illustrator", "Illustration", "Illustrator"),
    ("narrator", "Narration", "Narrator"),
    ("editor", "Direction d'ouvrage", "Editor"),
    ("performer", "Interprète", "Performer"),
    ("vocals", "Chant", "Vocals"),
    ("musician", "Musicien·ne", "Musician"),
    ("arranger", "Arrangements", "Arranger"),
    ("sound-engineer", "Prise de son", "Sound engineer"),
    ("curator", "Commissariat", "Curator"),
    ("host", "Animation", "Host"),
    ("photographer", "Photographie", "Photographer"),
    ("designer", "Conception graphique", "Design"),
]

ROLES_BY_KIND = {
    "film": ["director", "director", "screenwriter", "producer", "actor", "actor", "actor",
             "cinematographer", "film-editor", "composer"],
    "book": ["author", "author", "author", "translator", "illustrator", "editor", "narrator"],
    "music": ["performer", "performer", "vocals", "musician", "musician", "composer",
              "arranger", "producer", "sound-engineer"],
    "webinar": ["host", "host", "producer", "curator"],
    "production": ["curator", "director", "designer", "author", "photographer", "producer", "host"],
}

INSTITUTIONS = [
    ("if-senegal", "Institut français du Sénégal", "French Institute in Senegal"),
    ("if-maroc", "Institut français du Maroc", "French Institute in Morocco"),
    ("if-tunisie", "Institut français de Tunisie", "French Institute in Tunisia"),
    ("if-algerie", "Institut français d'Algérie", "French Institute in Algeria"),
    ("if-liban", "Institut français du Liban", "French Institute in Lebanon"),
    ("if-vietnam", "Institut français du Vietnam", "French Institute in Vietnam"),
    ("if-cote-d-ivoire", "Institut français de Côte d'Ivoire", "French Institute in Côte d'Ivoire"),
    ("if-rdc", "Institut français de Kinshasa", "French Institute in Kinshasa"),
    ("if-cameroun", "Institut français du Cameroun", "French Institute in Cameroon"),
    ("if-mali", "Institut français du Mali", "French Institute in Mali"),
    ("if-madagascar", "Institut français de Madagascar", "French Institute in Madagascar"),
    ("if-haiti", "Institut français en Haïti", "French Institute in Haiti"),
    ("if-espagne", "Institut français d'Espagne", "French Institute in Spain"),
    ("if-bresil", "Institut français du Brésil", "French Institute in Brazil"),
    ("af-dakar", "Alliance française de Dakar", "Alliance française Dakar"),
    ("af-sao-paulo", "Alliance française de São Paulo", "Alliance française São Paulo"),
    ("af-toronto", "Alliance française de Toronto", "Alliance française Toronto"),
    ("af-mexico", "Alliance française de Mexico", "Alliance française Mexico City"),
    ("af-buenos-aires", "Alliance française de Buenos Aires", "Alliance française Buenos Aires"),
    ("af-port-au-prince", "Alliance française de Port-au-Prince", "Alliance française Port-au-Prince"),
    ("af-antananarivo", "Alliance française d'Antananarivo", "Alliance française Antananarivo"),
    ("af-bamako", "Alliance française de Bamako", "Alliance française Bamako"),
    ("af-hanoi", "Alliance française de Hanoï", "Alliance française Hanoi"),
    ("af-beyrouth", "Alliance française de Beyrouth", "Alliance française Beirut"),
    ("mediatheque-centrale", "Médiathèque centrale du réseau", "Network central media library"),
    ("maison-francophonie", "Maison de la francophonie", "House of French-speaking cultures"),
]

# data/countries.yaml: names of the country codes records use.
COUNTRY_NAMES = [
    ("FR", "France", "France"), ("BE", "Belgique", "Belgium"), ("CH", "Suisse", "Switzerland"),
    ("CA", "Canada", "Canada"), ("SN", "Sénégal", "Senegal"), ("ML", "Mali", "Mali"),
    ("CI", "Côte d'Ivoire", "Côte d'Ivoire"), ("BF", "Burkina Faso", "Burkina Faso"),
    ("NE", "Niger", "Niger"), ("CM", "Cameroun", "Cameroon"),
    ("CD", "République démocratique du Congo", "Democratic Republic of the Congo"),
    ("CG", "République du Congo", "Republic of the Congo"), ("GA", "Gabon", "Gabon"),
    ("MA", "Maroc", "Morocco"), ("DZ", "Algérie", "Algeria"), ("TN", "Tunisie", "Tunisia"),
    ("LB", "Liban", "Lebanon"), ("HT", "Haïti", "Haiti"), ("MG", "Madagascar", "Madagascar"),
    ("BJ", "Bénin", "Benin"), ("TG", "Togo", "Togo"), ("RW", "Rwanda", "Rwanda"),
    ("VN", "Viêt Nam", "Vietnam"), ("KH", "Cambodge", "Cambodia"), ("BR", "Brésil", "Brazil"),
    ("PT", "Portugal", "Portugal"), ("ES", "Espagne", "Spain"), ("MX", "Mexique", "Mexico"),
    ("AR", "Argentine", "Argentina"), ("US", "États-Unis", "United States"),
    ("GB", "Royaume-Uni", "United Kingdom"), ("EG", "Égypte", "Egypt"),
]
COUNTRIES = [c[0] for c in COUNTRY_NAMES]

# data/languages.yaml: names of the language codes of works and subtitles.
WORK_LANGUAGE_NAMES = [
    ("fr", "français", "French"), ("en", "anglais", "English"), ("ar", "arabe", "Arabic"),
    ("es", "espagnol", "Spanish"), ("pt", "portugais", "Portuguese"),
    ("pt-BR", "portugais du Brésil", "Brazilian Portuguese"), ("vi", "vietnamien", "Vietnamese"),
    ("wo", "wolof", "Wolof"), ("bm", "bambara", "Bambara"), ("ln", "lingala", "Lingala"),
    ("ht", "créole haïtien", "Haitian Creole"), ("mg", "malgache", "Malagasy"),
    ("ff", "peul", "Fula"), ("sw", "swahili", "Swahili"), ("de", "allemand", "German"),
    ("kab", "kabyle", "Kabyle"),
]
SUBTITLE_LANGUAGES = ["fr", "en", "ar", "es", "pt", "vi"]

LANGUAGE_NAMES = {
    "fr": "Français", "en": "English", "es": "Español", "ar": "العربية", "pt": "Português",
    "pt-BR": "Português do Brasil", "de": "Deutsch", "it": "Italiano", "vi": "Tiếng Việt",
    "wo": "Wolof", "ht": "Kreyòl ayisyen", "mg": "Malagasy", "zh": "中文", "ru": "Русский",
    "he": "עברית", "fa": "فارسی", "ur": "اردو", "sw": "Kiswahili", "ro": "Română",
}

WORK_LANGUAGES = ["fr"] * 10 + ["en"] * 3 + ["ar", "ar", "wo", "bm", "ln", "pt-BR", "es",
                                             "vi", "ht", "mg", "ff", "sw", "de", "kab"]
AUDIENCES = ["general", "children", "teenagers", "adults", "learners", "professionals"]

FIRST_NAMES = """Aminata Moussa Fatou Ousmane Awa Mamadou Aïssa Youssef Leïla Karim Nadia Samir
Yasmina Omar Salma Claire Julien Camille Mathieu Sophie Antoine Élise Hélène François Chloé
Thomas Léa Joana Thiago Beatriz Lucas Ana Rafael Marie-Claude Jean-Baptiste Kossi Adjoa
Kwame Mbaye Ndèye Rokia Seydou Djeneba Rija Hery Tiana Mireille Dieudonné Espérance Patrick
Wilfried Jocelyne Marc-André Geneviève Inès Mehdi Rachid Zineb Ibrahima Mariam Sékou Binta
Noémie Gaëlle Loïc Anaïs Bruno Céline Frantz Nathalie Emmanuel Grace Ange Prisca""".split()
LAST_NAMES = """Diop Ndiaye Fall Sow Traoré Keïta Coulibaly Diallo Camara Touré Benali El Amrani
Haddad Khoury Mansour Bensaïd Martin Bernard Dubois Lefèvre Moreau Laurent Fournier Girard
Rousseau Tremblay Gagnon Côté Bouchard Silva Santos Oliveira Costa Pereira Rakoto
Randriamanana Mbemba Nkounkou Mukendi Ilunga Joseph Pierre-Louis Étienne Ouédraogo Kaboré
Sawadogo Zongo Nguyen Tran Pham Dupont Chérif Benjelloun Tazi Alaoui Saïdi Mbappé Eboué
Kouassi Yao Koffi Adjovi Hounkpatin Mensah Ba Sy Kane Gueye Faye""".split()
# Names in their own script (the reference asks for names "as written in their own script").
OWN_SCRIPT_NAMES = ["يوسف الحداد", "سلمى منصور", "كريم بن علي", "نادية خوري", "عمر السيد",
                    "ليلى العلوي", "Nguyễn Thị Lan", "Trần Văn Minh", "Phạm Thu Hà",
                    "Lê Quang Huy", "Ἀλέξανδρος Παππάς", "王小梅"]
BODIES = ["Studio Sahel", "Films du Fleuve", "Collectif Lagune", "Atelier Baobab",
          "Ensemble Harmattan", "Orchestre du Delta", "Compagnie Teranga", "Studio Atlas Bleu"]
PUBLISHERS = ["Éditions du Fleuve", "Éditions Présence", "Éditions de l'Océan", "Maison des Lettres",
              "Éditions Sable", "Éditions Baobab", "Les Presses du Sud", "Éditions Atlas Bleu",
              "Cap Vert Éditions", "Éditions Lagune", "Harbour Press", "Northern Lights Books",
              "Éditions Mangrove", "Éditions du Levant", "Éditions Teranga"]
MUSIC_LABELS = ["Disques Baobab", "Lagune Musique", "Studio Kora", "Harmattan Records",
                "Disques du Fleuve", "Tropique Sound", "Casbah Records", "Sahel Sessions",
                "Delta Blue", "Maloya Prod"]
TIME_ZONES = ["Europe/Paris", "Europe/Paris", "Africa/Casablanca", "America/Sao_Paulo",
              "Africa/Dakar", "Africa/Abidjan", "Africa/Tunis", "Africa/Algiers",
              "Asia/Beirut", "Asia/Ho_Chi_Minh", "America/Toronto", "America/Port-au-Prince",
              "Indian/Antananarivo", "Africa/Kinshasa", "Africa/Douala", "Europe/Brussels",
              "America/Mexico_City", "America/Argentina/Buenos_Aires", "Pacific/Noumea"]

# Kinds: an exact, index-based mix (per 20 records: 6 films, 5 books, 4 albums,
# 2 webinars, 3 productions), so every prefix of a catalogue has the same mix.
KIND_CYCLE = ["film", "book", "music", "film", "production", "book", "film", "webinar",
              "music", "book", "film", "production", "music", "book", "film", "webinar",
              "book", "music", "film", "production"]
KIND_FOLDERS = {"film": "films", "book": "books", "music": "music", "webinar": "webinars",
                "production": "productions"}

assert {c for c in WORK_LANGUAGES + SUBTITLE_LANGUAGES} <= {c[0] for c in WORK_LANGUAGE_NAMES}

DATE_MIN = dt.date(2020, 1, 1)
DATE_MAX = dt.date(2026, 12, 31)


# --------------------------------------------------------------------------
# Records

def isbn13(rng: random.Random) -> str:
    prefix = "978" if rng.random() < 0.85 else "979"
    group = pick(rng, ["2", "2", "2", "1", "0", "9956", "9954", "99919"]) if prefix == "978" else "10"
    body_len = 12 - len(prefix) - len(group)
    publisher_len = rng.randint(2, min(7, body_len - 1))
    digits = prefix + group + "".join(str(rng.randrange(10)) for _ in range(body_len))
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    check = str((10 - total % 10) % 10)
    if rng.random() < 0.3:
        return digits + check
    pub = digits[len(prefix) + len(group): len(prefix) + len(group) + publisher_len]
    title = digits[len(prefix) + len(group) + publisher_len:]
    return f"{prefix}-{group}-{pub}-{title}-{check}"


def random_date(rng: random.Random, lo: dt.date = DATE_MIN, hi: dt.date = DATE_MAX) -> dt.date:
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


def person(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.08:
        return pick(rng, OWN_SCRIPT_NAMES)
    if r < 0.14:
        return pick(rng, BODIES)
    return f"{pick(rng, FIRST_NAMES)} {pick(rng, LAST_NAMES)}"


def translatable(rng: random.Random, by_lang: dict[str, str]) -> str | dict[str, str]:
    """A translatable value: a map per language, or (sometimes) one plain string."""
    if len(by_lang) == 1 or rng.random() < 0.2:
        return next(iter(by_lang.values()))
    return by_lang


def ytranslatable(value: str | dict[str, str]) -> str:
    return ystr(value) if isinstance(value, str) else yflow_map(value)


class Generator:
    def __init__(self, languages: list[str], seed: int):
        self.languages = languages
        self.default = languages[0]
        self.seed = seed
        self.lex = {code: Lexicon(code, french=code.split("-")[0] == "fr") for code in languages}

    def label(self, fr: str, en: str, lang: str) -> str:
        return fr if lang.split("-")[0] == "fr" else en

    # site.yaml and data/ ------------------------------------------------------

    def site_yaml(self) -> str:
        title = {l: self.label("Catalogue du réseau culturel", "Cultural network catalogue", l)
                 for l in self.languages}
        desc = {l: self.label("Films, livres, musiques, webinaires et productions du réseau.",
                              "Films, books, music, webinars and productions from the network.", l)
                for l in self.languages}
        lines = [
            f"title: {yflow_map(title)}",
            f"description: {yflow_map(desc)}",
            "base_url: https://bench.example.org/",
            f"default_language: {self.default}",
            "languages:",
        ]
        for code in self.languages:
            lines.append(f"  - code: {code}")
            lines.append(f"    name: {ystr(LANGUAGE_NAMES.get(code, code))}")
        lines += ["theme: default", "taxonomies: [themes, countries]"]
        return "\n".join(lines) + "\n"

    def vocabulary_yaml(self, entries) -> str:
        return "".join(
            f"{id_}: {yflow_map({l: self.label(fr, en, l) for l in self.languages})}\n"
            for id_, fr, en in entries
        )

    def page(self, page_id: str, fr_title: str, en_title: str, en_slug: str) -> dict[str, str]:
        rng = random.Random(f"{self.seed}:page:{page_id}")
        plan = body_plan(rng)
        files = {}
        for lang in self.languages:
            lines = ["---", f"title: {ystr(self.label(fr_title, en_title, lang))}"]
            if lang != self.default and lang.split("-")[0] != "fr":
                lines.append(f"slug: {en_slug}")
            lines.append("---")
            files[f"{lang}.md"] = "\n".join(lines) + "\n" + render_body(rng, self.lex[lang], plan, page_id)
        return files

    # records -------------------------------------------------------------------

    def record(self, index: int) -> tuple[str, str, dict[str, str]]:
        """(kind folder, id, {file name: content}) of record number `index`."""
        rec = self.record_data(index)
        files = {"record.yaml": "\n".join(rec["yaml"]) + "\n"}
        for lang in self.languages:
            t = rec["text"][lang]
            fm = ["---", f"title: {ystr(t['title'])}", f"summary: {ystr(t['summary'])}"]
            if "slug" in t:
                fm.append(f"slug: {t['slug']}")
            fm.append("---")
            files[f"{lang}.md"] = "\n".join(fm) + "\n" + t["body"]
        return rec["folder"], rec["id"], files

    def record_data(self, index: int) -> dict:
        """Record number `index`, once for every output format: kind, folder, id, `yaml`
        (the lines of its record.yaml), `fields` (the same fields as values: str, int,
        lists, {lang: str} maps for translated values, lists of dicts) and `text` (per
        language: title, summary, optional slug, Markdown body)."""
        rng = random.Random(f"{self.seed}:record:{index}")
        kind = KIND_CYCLE[index % len(KIND_CYCLE)]
        titles = {lang: self.lex[lang].title(rng) for lang in self.languages}
        slug = slugify(titles[self.default])[:48].strip("-") or kind
        record_id = f"{slug}-{index + 1:05d}"

        published = random_date(rng)
        y: list[str] = []
        f: dict = {}
        if rng.random() < 0.05:
            y.append(f"id: {record_id}")
        work_langs = [pick(rng, WORK_LANGUAGES)]
        if rng.random() < 0.2:
            work_langs.append(pick(rng, WORK_LANGUAGES))
        f["languages"] = _uniq(work_langs)
        y.append(f"languages: {yflow_list(f['languages'])}")
        getattr(self, f"_{kind}")(rng, y, f, published, titles)
        f["themes"] = rng.sample([t[0] for t in THEMES], rng.randint(2, 4))
        y.append(f"themes: {yflow_list(f['themes'])}")
        f["countries"] = rng.sample(COUNTRIES, rng.randint(1, 3))
        y.append(f"countries: {yflow_list(f['countries'])}")
        if rng.random() < 0.4:
            f["audience"] = sorted(rng.sample(AUDIENCES, rng.randint(1, 2)), key=AUDIENCES.index)
            y.append(f"audience: {yflow_list(f['audience'])}")
        if rng.random() < 0.03:
            f["access"] = "network"
            y.append("access: network")
        f["published"] = published.isoformat()
        y.append(f"published: {f['published']}")
        if rng.random() < 0.3 and published < DATE_MAX:
            f["updated"] = random_date(rng, published + dt.timedelta(days=1)).isoformat()
            y.append(f"updated: {f['updated']}")
        if rng.random() < 0.01:
            f["draft"] = True
            y.append("draft: true")
        y.append("credits:")
        roles = ROLES_BY_KIND[kind]
        f["credits"] = []
        for _ in range(rng.randint(2, 6)):
            name = person(rng)
            role = pick(rng, roles)
            f["credits"].append({"name": name, "role": role})
            y.append(f"  - name: {ystr(name)}")
            y.append(f"    role: {role}")
        if rng.random() < 0.35:
            y.append("links:")
            f["links"] = []
            for k in range(rng.randint(1, 2)):
                url = f"https://www.example.org/{KIND_FOLDERS[kind]}/{record_id}/{k + 1}"
                y.append(f"  - url: {url}")
                label = translatable(rng, {l: self.label("En savoir plus", "Learn more", l)
                                           for l in self.languages})
                f["links"].append({"url": url, "label": label})
                y.append(f"    label: {ytranslatable(label)}")

        text: dict[str, dict[str, str]] = {}
        plan = body_plan(rng)
        for lang in self.languages:
            lex = self.lex[lang]
            t = {"title": titles[lang],
                 "summary": " ".join(lex.sentence(rng) for _ in range(rng.randint(1, 2)))}
            if lang != self.default and rng.random() < 0.5:
                t["slug"] = f"{slugify(titles[lang])[:48].strip('-') or kind}-{index + 1:05d}"
            t["body"] = render_body(rng, lex, plan, record_id)
            text[lang] = t
        return {"kind": kind, "folder": KIND_FOLDERS[kind], "id": record_id, "yaml": y,
                "fields": f, "text": text}

    def _original_title(self, rng, y, f):
        if rng.random() < 0.25:
            lex = self.lex[pick(rng, self.languages)]
            f["original_title"] = lex.title(rng)
            y.append(f"original_title: {ystr(f['original_title'])}")

    def _film(self, rng, y, f, published, titles):
        genre = pick(rng, ["fiction"] * 5 + ["documentary"] * 3 + ["animation", "short", "series"])
        f["year"] = rng.randint(1955, published.year)
        y.append(f"year: {f['year']}")
        duration = {"short": (5, 30), "series": (22, 55)}.get(genre, (60, 150))
        f["duration"] = rng.randint(*duration)
        y.append(f"duration: {f['duration']}")
        f["genre"] = genre  # vitrine's default is fiction: same value either way
        if genre != "fiction" or rng.random() < 0.5:
            y.append(f"genre: {genre}")
        self._original_title(rng, y, f)
        if rng.random() < 0.6:
            f["subtitles"] = rng.sample(SUBTITLE_LANGUAGES, rng.randint(1, 3))
            y.append(f"subtitles: {yflow_list(f['subtitles'])}")

    def _book(self, rng, y, f, published, titles):
        if rng.random() < 0.9:
            f["isbn"] = isbn13(rng)
            y.append(f"isbn: {ystr(f['isbn'])}")
        f["publisher"] = pick(rng, PUBLISHERS)
        y.append(f"publisher: {ystr(f['publisher'])}")
        f["year"] = rng.randint(1950, published.year)
        y.append(f"year: {f['year']}")
        fmt = pick(rng, ["print"] * 6 + ["ebook", "ebook", "audiobook", "comic"])
        f["format"] = fmt
        if fmt != "print" or rng.random() < 0.5:
            y.append(f"format: {fmt}")
        if fmt != "audiobook" and rng.random() < 0.8:
            f["pages"] = rng.randint(32 if fmt == 'comic' else 64, 640)
            y.append(f"pages: {f['pages']}")
        self._original_title(rng, y, f)

    def _music(self, rng, y, f, published, titles):
        release_type = pick(rng, ["album"] * 6 + ["ep", "ep", "compilation"])
        f["release_type"] = release_type
        if release_type != "album" or rng.random() < 0.5:
            y.append(f"release_type: {release_type}")
        f["release_date"] = random_date(rng, dt.date(1965, 1, 1), published).isoformat()
        y.append(f"release_date: {f['release_date']}")
        if rng.random() < 0.8:
            f["label"] = pick(rng, MUSIC_LABELS)
            y.append(f"label: {ystr(f['label'])}")
        y.append("tracks:")
        f["tracks"] = []
        n = rng.randint(6, 8) if release_type == "ep" else rng.randint(6, 12)
        lex = self.lex[self.default]
        for _ in range(n):
            words = lex.words(rng, rng.randint(1, 4))
            title = " ".join(words)
            track = {"title": title[0].upper() + title[1:]}
            y.append(f"  - title: {ystr(track['title'])}")
            if rng.random() < 0.9:
                track["duration"] = f"{rng.randint(1, 9)}:{rng.randrange(60):02d}"
                y.append(f"    duration: {ystr(track['duration'])}")
            f["tracks"].append(track)

    def _webinar(self, rng, y, f, published, titles):
        day = random_date(rng, published - dt.timedelta(days=60), published + dt.timedelta(days=120))
        day = min(max(day, DATE_MIN), DATE_MAX)
        # Hours 9–20 stay clear of every daylight-saving gap of these zones.
        f["start"] = f"{day.isoformat()}T{rng.randint(9, 20):02d}:{pick(rng, ['00', '00', '30', '15', '45'])}"
        y.append(f"start: {f['start']}")
        f["time_zone"] = pick(rng, TIME_ZONES)
        y.append(f"time_zone: {f['time_zone']}")
        f["duration"] = pick(rng, [45, 60, 60, 90, 90, 120, 180])
        y.append(f"duration: {f['duration']}")
        attendance = pick(rng, ["online"] * 4 + ["onsite", "mixed", "mixed"])
        f["attendance"] = attendance
        if attendance != "online" or rng.random() < 0.5:
            y.append(f"attendance: {attendance}")
        y.append("speakers:")
        f["speakers"] = []
        for _ in range(rng.randint(1, 4)):
            speaker = {"name": person(rng)}
            y.append(f"  - name: {ystr(speaker['name'])}")
            if rng.random() < 0.7:
                _, fr, en = pick(rng, INSTITUTIONS)
                speaker["affiliation"] = translatable(rng, {l: self.label(fr, en, l) for l in self.languages})
                y.append(f"    affiliation: {ytranslatable(speaker['affiliation'])}")
            f["speakers"].append(speaker)
        if rng.random() < 0.7:
            f["registration"] = f"https://events.example.org/register/{rng.randrange(10**6):06d}"
            y.append(f"registration: {f['registration']}")
        if rng.random() < 0.4:
            f["replay"] = f"https://video.example.org/replay/{rng.randrange(10**6):06d}"
            y.append(f"replay: {f['replay']}")

    def _production(self, rng, y, f, published, titles):
        f["institution"] = pick(rng, INSTITUTIONS)[0]
        y.append(f"institution: {f['institution']}")
        f["type"] = pick(rng, ['exhibition', 'podcast', 'teaching-kit', 'video', 'game', 'publication'])
        y.append(f"type: {f['type']}")
        f["year"] = rng.randint(max(2000, published.year - 8), published.year)
        y.append(f"year: {f['year']}")


# --------------------------------------------------------------------------
# Hugo form of the same catalogue (--format hugo), for side-by-side benchmarks.

HUGO_TAXONOMIES = (("themes", "theme"), ("countries", "country"))


def read_theme_strings(path: Path) -> dict[str, str | dict[str, str]]:
    """The UI strings of a vitrine theme language file (flat `key: "text"` or
    `key: {one: "…", other: "…"}` lines, as the default theme writes them)."""
    out: dict = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r'^([a-z0-9_]+): (.*)$', line)
        if not m:
            continue
        key, value = m.groups()
        if value.startswith('"'):
            out[key] = json.loads(value)
        elif value.startswith("{"):
            out[key] = dict((k, json.loads(v)) for k, v in
                            re.findall(r'([a-z]+): ("(?:[^"\\]|\\.)*")', value))
    return out


def hugo_i18n(strings: dict) -> str:
    """A Hugo i18n file from theme strings. `{n}` becomes `{{ .Count }}` in plural
    forms, and the argument itself (`{{ . }}`) in a plain string."""
    def conv(v: str, count: str) -> str:
        return json.dumps(v.replace("{n}", count), ensure_ascii=False)
    lines = []
    for key, value in strings.items():
        if isinstance(value, dict):
            lines.append(f"{key}: {{" + ", ".join(f"{k}: {conv(v, '{{ .Count }}')}"
                                                  for k, v in value.items()) + "}")
        else:
            lines.append(f"{key}: {conv(value, '{{ . }}')}")
    return "\n".join(lines) + "\n"


def yaml_value(v) -> str:
    """A flow YAML value (JSON syntax, valid YAML) for front matter params."""
    return json.dumps(v, ensure_ascii=False)


class HugoWriter:
    """Writes the Generator's site as a Hugo site: one bundle per record with one
    index.<lang>.md per language (translation by file name), taxonomies `themes` and
    `countries` whose terms are the localised labels (so term addresses match vitrine's),
    and layouts doing the work of the vitrine default theme (HUGO_LAYOUTS), down to each
    record's related records, computed in templates as vitrine computes them."""

    def __init__(self, gen: Generator, theme_dir: Path):
        self.gen = gen
        self.strings = {l: read_theme_strings(theme_dir / "default" / "i18n" / f"{l.split('-')[0]}.yaml")
                        for l in gen.languages}
        self.theme_dir = theme_dir
        self.theme_label = {id_: (fr, en) for id_, fr, en in THEMES}
        self.country_label = {id_: (fr, en) for id_, fr, en in COUNTRY_NAMES}

    def s(self, lang: str, key: str, fallback: str) -> str:
        v = self.strings[lang].get(key, fallback)
        return v if isinstance(v, str) else fallback

    def config(self) -> str:
        g = self.gen
        lines = [
            'baseURL = "https://bench.example.org/"',
            f'defaultContentLanguage = "{g.default}"',
            "defaultContentLanguageInSubdir = true",
            "capitalizeListTitles = false",
            "pluralizeListTitles = false",
            "enableRobotsTXT = true",
            "",
            "[pagination]",
            "  disableAliases = true  # vitrine writes no /page/1/ copy of a list's first page",
            "  pagerSize = 24  # vitrine's PAGE_SIZE",
            "",
            "[taxonomies]",
        ]
        lines += [f'  {single} = "{plural}"' for plural, single in HUGO_TAXONOMIES]
        lines += [
            "",
            "[outputs]  # vitrine writes feeds for the home and the kind lists only",
            '  home = ["html", "rss"]',
            '  section = ["html", "rss"]',
            '  taxonomy = ["html"]',
            '  term = ["html"]',
            '  page = ["html"]',
            "",
            "[services.rss]",
            "  limit = 50  # vitrine's FEED_SIZE",
            "",
            "[params]  # without-related.toml turns related records off",
            "  related = true",
            "",
            "[markup.goldmark.parser]",
            "  autoHeadingID = true",
            "",
            "[languages]",
        ]
        for i, code in enumerate(g.languages):
            title = g.label("Catalogue du réseau culturel", "Cultural network catalogue", code)
            desc = g.label("Films, livres, musiques, webinaires et productions du réseau.",
                           "Films, books, music, webinars and productions from the network.", code)
            rtl = code.split("-")[0] in ("ar", "he", "fa", "ur")
            lines += [
                f"  [languages.{code}]",
                f"    label = {json.dumps(LANGUAGE_NAMES.get(code, code), ensure_ascii=False)}",
                f'    locale = "{code}"',
                f'    direction = "{"rtl" if rtl else "ltr"}"',
                f"    title = {json.dumps(title, ensure_ascii=False)}",
                f"    weight = {i + 1}",
                f"    [languages.{code}.params]",
                f"      description = {json.dumps(desc, ensure_ascii=False)}",
            ]
        return "\n".join(lines) + "\n"

    def label(self, pair: tuple[str, str], lang: str) -> str:
        return self.gen.label(pair[0], pair[1], lang)

    def branch_indexes(self) -> dict[str, str]:
        """content/<section>/_index.<lang>.md of the kind lists and taxonomies."""
        files = {}
        for kind, folder in KIND_FOLDERS.items():
            for lang in self.gen.languages:
                title = self.s(lang, f"kinds_{kind}", folder)
                files[f"{folder}/_index.{lang}.md"] = (
                    f"---\ntitle: {yaml_value(title)}\nparams:\n  kind: {kind}\n---\n")
        for plural, _ in HUGO_TAXONOMIES:
            for lang in self.gen.languages:
                title = self.s(lang, f"taxonomy_{plural}", plural)
                files[f"{plural}/_index.{lang}.md"] = f"---\ntitle: {yaml_value(title)}\n---\n"
        return files

    def page(self, page_id: str, vitrine_files: dict[str, str]) -> dict[str, str]:
        """A free page: the same front matter and body as vitrine's, at /<lang>/<slug>/."""
        return {f"{page_id}/index.{name[:-3]}.md": text for name, text in vitrine_files.items()}

    def record(self, rec: dict) -> dict[str, str]:
        f = rec["fields"]
        files = {}
        for lang in self.gen.languages:
            t = rec["text"][lang]
            fm = ["---", f"title: {yaml_value(t['title'])}", f"summary: {yaml_value(t['summary'])}"]
            if "slug" in t:
                fm.append(f"slug: {t['slug']}")
            fm.append(f"date: {f['published']}")
            if "updated" in f:
                fm.append(f"lastmod: {f['updated']}")
            if f.get("draft"):
                fm.append("draft: true")
            if f.get("access") == "network":
                # Not in vitrine's public build either.
                fm += ["build:", "  list: never", "  render: never"]
            fm.append(f"themes: {yaml_value([self.label(self.theme_label[x], lang) for x in f['themes']])}")
            fm.append(f"countries: {yaml_value([self.label(self.country_label[x], lang) for x in f['countries']])}")
            fm.append("params:")
            fm.append(f"  id: {rec['id']}")
            fm.append(f"  kind: {rec['kind']}")
            for key, value in f.items():
                if key in ("themes", "countries", "published", "updated", "draft"):
                    continue
                if key == "start":
                    value += ":00"  # Hugo's time.AsTime wants seconds
                fm.append(f"  {key}: {yaml_value(value)}")
            fm.append("---")
            files[f"{rec['folder']}/{rec['id']}/index.{lang}.md"] = "\n".join(fm) + "\n" + t["body"]
        return files

    def write_site(self, out: Path, gen_pages, records: int) -> tuple[int, dict[str, int]]:
        """Writes the whole Hugo site into out; returns (bytes written, records per folder)."""
        g = self.gen
        written = write(out / "hugo.toml", self.config())
        # `hugo --config hugo.toml,without-related.toml` leaves the related records out:
        # Hugo then does less than vitrine (bench.sh --hugo-related off).
        written += write(out / "without-related.toml", "[params]\n  related = false\n")
        (out / "data").mkdir()
        for name, entries in (("roles", ROLES), ("institutions", INSTITUTIONS),
                              ("countries", COUNTRY_NAMES), ("languages", WORK_LANGUAGE_NAMES),
                              ("themes", THEMES)):
            written += write(out / "data" / f"{name}.yaml", g.vocabulary_yaml(entries))
        (out / "i18n").mkdir()
        for lang in g.languages:
            written += write(out / "i18n" / f"{lang}.yaml", hugo_i18n(self.strings[lang]))
        for rel, text in HUGO_LAYOUTS.items():
            path = out / "layouts" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            written += write(path, text.lstrip("\n"))
        css = self.theme_dir / "default" / "static" / "style.css"
        (out / "static").mkdir()
        if css.is_file():
            shutil.copyfile(css, out / "static" / "style.css")
        content = out / "content"
        files = self.branch_indexes()
        for page_id, vitrine_files in gen_pages:
            files.update(self.page(page_id, vitrine_files))
        for rel, text in files.items():
            (content / rel).parent.mkdir(parents=True, exist_ok=True)
            written += write(content / rel, text)
        counts = dict.fromkeys(KIND_FOLDERS.values(), 0)
        for i in range(records):
            rec = g.record_data(i)
            d = content / rec["folder"] / rec["id"]
            d.mkdir()
            for rel, text in self.record(rec).items():
                written += write(content / rel, text)
            counts[rec["folder"]] += 1
        return written, counts


# Layouts of the Hugo form, doing the work of themes/default/templates: the same page
# frame (header, language links, navigation, footer), cards, facts, pagination.
HUGO_LAYOUTS = {
    "baseof.html": r"""
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}" dir="{{ site.Language.Direction | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{- with .Params.summary }}
<meta name="description" content="{{ . }}">
{{- end }}
<meta name="color-scheme" content="light dark">
<link rel="canonical" href="{{ .Permalink }}">
{{- if .IsTranslated }}
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
{{- range first 1 .AllTranslations }}
<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{- end }}
{{- end }}
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:locale" content="{{ replace site.Language.Lang "-" "_" }}">
{{- with .Params.summary }}
<meta property="og:description" content="{{ . }}">
{{- end }}
{{- with site.Home.OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">
{{- end }}
<link rel="stylesheet" href="{{ "style.css" | absURL }}">
<link rel="icon" href="data:,">
{{- block "head" . }}{{ end }}
</head>
<body class="type-{{ .Kind }}">
<a class="skip-link" href="#main">{{ i18n "skip_link" }}</a>
{{ partial "header.html" . }}
<main id="main" tabindex="-1">
<div class="wrap">
{{ block "main" . }}{{ end }}
</div>
</main>
{{- /* The same on every page of a language: partialCached keeps one per language. */}}
{{ partialCached "footer.html" . }}
</body>
</html>
""",
    "_partials/header.html": r"""
<header class="site-header">
  <div class="wrap site-header-bar">
    <a class="site-name" href="{{ site.Home.RelPermalink }}"{{ if .IsHome }} aria-current="page"{{ end }}>{{ site.Title }}</a>
    {{- if .IsTranslated }}
    <nav class="languages" aria-label="{{ i18n "languages" }}">
      <ul>
        {{- range .AllTranslations }}
        <li><a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}" hreflang="{{ .Language.Lang }}" dir="{{ .Language.Direction | default "ltr" }}"{{ if eq .Language.Lang $.Language.Lang }} aria-current="page"{{ end }}>{{ .Language.Label }}</a></li>
        {{- end }}
      </ul>
    </nav>
    {{- end }}
  </div>
{{- /* The same for every page of a section (and language): rendered once per section. */}}
{{ partialCached "nav.html" . .Section .IsHome -}}
</header>
""",
    "_partials/nav.html": r"""
  <nav class="site-nav" aria-label="{{ i18n "main_nav" }}">
    <ul class="wrap">
      <li><a href="{{ site.Home.RelPermalink }}"{{ if .IsHome }} aria-current="page"{{ end }}>{{ i18n "home" }}</a></li>
      {{- $current := . }}
      {{- range slice "/films" "/books" "/music" "/webinars" "/productions" "/themes" "/countries" }}
      {{- with site.GetPage . }}
      <li><a href="{{ .RelPermalink }}"{{ if or (eq $current .) ($current.IsDescendant .) }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
      {{- end }}
      {{- end }}
    </ul>
  </nav>
""",
    "_partials/footer.html": r"""
<footer class="site-footer">
  <div class="wrap">
    <nav aria-label="{{ i18n "footer_nav" }}">
      <ul>
        {{- range slice "/a-propos" "/mentions-legales" }}
        {{- with site.GetPage . }}
        <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{- end }}
        {{- end }}
      </ul>
    </nav>
    <p class="site-footer-name"><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
  </div>
</footer>
""",
    "_partials/card.html": r"""
{{- $p := .p }}
{{- $kind := $p.Params.kind }}
{{- $link := printf "<a href=\"%s\">%s</a>" $p.RelPermalink (htmlEscape $p.Title) | safeHTML }}
<li class="card kind-{{ $kind }}">
  {{ if eq .level 4 }}<h4 class="card-title">{{ $link }}</h4>{{ else if eq .level 3 }}<h3 class="card-title">{{ $link }}</h3>{{ else }}<h2 class="card-title">{{ $link }}</h2>{{ end }}
  <p class="card-meta"><span class="badge kind-{{ $kind }}">{{ i18n (printf "kind_%s" $kind) }}</span>
    {{- with $p.Params.year }} <span class="card-year">{{ . }}</span>{{ else }}{{ with $p.Params.release_date }} <span class="card-year">{{ substr . 0 4 }}</span>{{ end }}{{ end }}</p>
  {{- with $p.Params.summary }}
  <p class="card-summary">{{ . }}</p>
  {{- end }}
  <span class="card-image card-image-none" aria-hidden="true"></span>
</li>
""",
    "_partials/related-index.html": r"""
{{- /* What vitrine's related records are computed from (src/render/lists.rs), once per
  language: the records newest first (published, then id: ids are [a-z0-9-], where `sort`'s
  collator orders as bytes do), the records of each theme in that order with each record's
  position there, and the records of each credited name in vitrine's order of records (kind
  folder, then id). `tie` is what a record adds to its score to rank it among records of the
  same score: n - 1 - its place in newest-first order. */}}
{{- $byId := sort (where site.RegularPages "Params.kind" "ne" nil) "Params.id" }}
{{- $newest := sort $byId "Date" "desc" }}
{{- $n := len $newest }}
{{- $tie := newScratch }}
{{- $themes := newScratch }}
{{- $count := newScratch }}
{{- $pos := newScratch }}
{{- range $i, $p := $newest }}
  {{- $id := $p.Params.id }}
  {{- $tie.Set $id (sub (sub $n 1) $i) }}
  {{- range $p.Params.themes }}
    {{- $count.Add . 1 }}
    {{- $pos.Set (printf "%s|%s" . $id) (sub ($count.Get .) 1) }}
    {{- $themes.Add . (slice $id) }}
  {{- end }}
{{- end }}
{{- $credits := newScratch }}
{{- range sort $byId "Section" }}
  {{- $id := .Params.id }}
  {{- range .Params.credits }}{{ $credits.Add .name (slice $id) }}{{ end }}
{{- end }}
{{- return dict "newest" $newest "n" $n "tie" $tie.Values "themes" $themes.Values "pos" $pos.Values "credits" $credits.Values }}
""",
    "_partials/related.html": r"""
{{- /* The records related to a page, as vitrine relates them (src/render/lists.rs): a record
  scores 2 per credited name it shares with the page (among the first 50 records of that
  name) and 1 per theme of the page where it is among the 12 records before or after the
  page, newest first; the four best, ties to the newest, then by id. Scores are counted in
  units of n (the number of records) so that adding `tie` orders by score, then newest
  first, in one number. Computed once per record and shared by the languages (hugo.Store),
  as vitrine relates records once per site; the cards are the page language's. */}}
{{- $idx := partialCached "related-index.html" "index" }}
{{- $id := .Params.id }}
{{- $key := printf "related|%s" $id }}
{{- $ranks := hugo.Store.Get $key }}
{{- if not $ranks }}
  {{- $n := $idx.n }}
  {{- $score := newScratch }}
  {{- $two := mul 2 $n }}
  {{- range .Params.credits }}
    {{- range first 50 (index $idx.credits .name) }}{{ $score.Add . $two }}{{ end }}
  {{- end }}
  {{- range .Params.themes }}
    {{- $at := index $idx.pos (printf "%s|%s" . $id) }}
    {{- $from := cond (gt $at 12) (sub $at 12) 0 }}
    {{- range first (sub (add $at 13) $from) (after $from (index $idx.themes .)) }}{{ $score.Add . $n }}{{ end }}
  {{- end }}
  {{- $score.Delete $id }}
  {{- $keys := slice }}
  {{- range $other, $s := $score.Values }}{{ $keys = $keys | append (add $s (index $idx.tie $other)) }}{{ end }}
  {{- $ranks = slice }}
  {{- range seq (math.Min 4 (len $keys)) }}
    {{- $best := add 0 (int (math.Max $keys)) }}
    {{- $ranks = $ranks | append (sub (sub $n 1) (mod $best $n)) }}
    {{- $keys = complement (slice $best) $keys }}
  {{- end }}
  {{- hugo.Store.Set $key $ranks }}
{{- end }}
{{- $pages := slice }}
{{- range $ranks }}{{ $pages = $pages | append (index $idx.newest .) }}{{ end }}
{{- return $pages }}
""",
    "_partials/pagination.html": r"""
{{- $pager := . }}
{{- if gt $pager.TotalPages 1 }}
<nav class="pagination" aria-label="{{ i18n "pagination" }}">
  <ul>
    {{- with $pager.Prev }}
    <li><a href="{{ .URL }}" rel="prev">{{ i18n "previous_page" }}</a></li>
    {{- end }}
    {{- range $pager.Pagers }}
    <li><a href="{{ .URL }}"{{ if eq .PageNumber $pager.PageNumber }} aria-current="page"{{ end }}>{{ .PageNumber }}</a></li>
    {{- end }}
    {{- with $pager.Next }}
    <li><a href="{{ .URL }}" rel="next">{{ i18n "next_page" }}</a></li>
    {{- end }}
  </ul>
</nav>
{{- end }}
""",
    "home.html": r"""
{{ define "main" }}
<div class="intro">
  <h1>{{ site.Title }}</h1>
  {{- with site.Params.description }}
  <p class="lede">{{ . }}</p>
  {{- end }}
</div>
{{- $today := now.Format "2006-01-02T15:04" }}
{{- $upcoming := where (where site.RegularPages "Params.kind" "webinar") "Params.start" "gt" $today }}
{{- with first 4 (sort $upcoming "Params.start") }}
<section class="home-section kind-webinar" aria-labelledby="upcoming-title">
  <h2 id="upcoming-title">{{ i18n "upcoming_webinars" }}</h2>
  <ul class="cards">
    {{- range . }}
    {{ partial "card.html" (dict "p" . "level" 3) }}
    {{- end }}
  </ul>
</section>
{{- end }}
<h2 class="latest-title">{{ i18n "latest_additions" }}</h2>
{{- range slice "/films" "/books" "/music" "/webinars" "/productions" }}
{{- with site.GetPage . }}
<section class="home-section kind-{{ .Params.kind }}" aria-labelledby="latest-{{ .Params.kind }}">
  <div class="section-head">
    <h3 id="latest-{{ .Params.kind }}">{{ .Title }}</h3>
    <a class="more" href="{{ .RelPermalink }}">{{ i18n "see_all" }}<span class="visually-hidden"> – {{ .Title }}</span></a>
  </div>
  <ul class="cards">
    {{- range first 4 .RegularPages }}
    {{ partial "card.html" (dict "p" . "level" 4) }}
    {{- end }}
  </ul>
</section>
{{- end }}
{{- end }}
{{ end }}
""",
    "section.html": r"""
{{ define "main" }}
<div class="intro">
  <h1>{{ .Title }}</h1>
  <p class="count">{{ i18n "titles_count" (len .RegularPages) }}</p>
</div>
{{- $pager := .Paginate .RegularPages }}
{{- if $pager.Pages }}
<ul class="cards">
  {{- range $pager.Pages }}
  {{ partial "card.html" (dict "p" . "level" 2) }}
  {{- end }}
</ul>
{{ partial "pagination.html" $pager }}
{{- else }}
<p class="empty">{{ i18n "no_records" }}</p>
{{- end }}
{{ end }}
""",
    "taxonomy.html": r"""
{{ define "main" }}
<div class="intro">
  <h1>{{ .Title }}</h1>
</div>
<ul class="terms">
  {{- range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}"><span class="term-label">{{ .Page.Title }}</span> <span class="term-count">{{ .Count }}</span></a></li>
  {{- end }}
</ul>
{{ end }}
""",
    "term.html": r"""
{{ define "main" }}
<div class="intro">
  <p class="kicker"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
  <h1>{{ .Title }}</h1>
  <p class="count">{{ i18n "titles_count" (len .Pages) }}</p>
</div>
{{- $pager := .Paginate .Pages }}
<ul class="cards">
  {{- range $pager.Pages }}
  {{ partial "card.html" (dict "p" . "level" 2) }}
  {{- end }}
</ul>
{{ partial "pagination.html" $pager }}
{{ end }}
""",
    "404.html": r"""
{{ define "main" }}
<div class="intro">
  <h1>{{ i18n "not_found_title" }}</h1>
  <p>{{ i18n "not_found_text" }}</p>
</div>
{{ end }}
""",
    "page.html": r"""
{{ define "head" }}
{{- if .Params.kind }}
{{- $types := dict "film" "Movie" "book" "Book" "music" "MusicAlbum" "webinar" "Event" "production" "CreativeWork" }}
{{- $keywords := slice }}
{{- range .GetTerms "themes" }}{{ $keywords = $keywords | append .Title }}{{ end }}
{{- $ld := dict "@context" "https://schema.org" "@type" (index $types .Params.kind) "name" .Title "url" .Permalink "datePublished" (.Date.Format "2006-01-02") "description" .Params.summary "keywords" (delimit $keywords ", ") "inLanguage" (delimit .Params.languages ",") }}
<script type="application/ld+json">{{ $ld | jsonify | safeJS }}</script>
{{- end }}
{{ end }}
{{ define "main" }}
{{- if not .Params.kind }}
<article class="page">
  <h1>{{ .Title }}</h1>
  <div class="prose">
    {{ .Content }}
  </div>
</article>
{{- else }}
{{- $lang := .Language.Lang }}
{{- $x := .Params }}
{{- $kind := $x.kind }}
<article class="record kind-{{ $kind }}">
  <div class="record-hero">
    <header class="record-intro">
      <p class="record-kind"><span class="badge kind-{{ $kind }}">{{ i18n (printf "kind_%s" $kind) }}</span></p>
      <h1>{{ .Title }}</h1>
      {{- with $x.original_title }}
      <p class="record-original"><span class="visually-hidden">{{ i18n "fact_original_title" }} </span><bdi>{{ . }}</bdi></p>
      {{- end }}
      {{- with $x.summary }}
      <p class="lede">{{ . }}</p>
      {{- end }}
      {{- if eq $kind "webinar" }}
      {{- $start := time.AsTime $x.start $x.time_zone }}
      {{- $past := $start.Before now }}
      <div class="webinar{{ if $past }} is-past{{ end }}">
        <p class="webinar-when"><span class="webinar-status">{{ if $past }}{{ i18n "webinar_past" }}{{ else }}{{ i18n "webinar_upcoming" }}{{ end }}</span>
          <time datetime="{{ $start.Format "2006-01-02T15:04:05Z07:00" }}">{{ $start | time.Format ":date_long" }} {{ $start.Format "15:04" }}</time> <span class="webinar-zone">(<bdi>{{ $x.time_zone }}</bdi>)</span></p>
        {{- if $past }}
        {{- with $x.replay }}
        <p><a class="button" href="{{ . }}">{{ i18n "watch_replay" }}</a></p>
        {{- end }}
        {{- else }}
        {{- with $x.registration }}
        <p><a class="button" href="{{ . }}">{{ i18n "register" }}</a></p>
        {{- end }}
        {{- end }}
      </div>
      {{- end }}
    </header>
  </div>
  <div class="record-layout has-facts">
    <section class="record-facts" aria-labelledby="record-details">
      <h2 id="record-details">{{ i18n "details" }}</h2>
      <dl class="facts">
        {{- if eq $kind "film" }}
        <div><dt>{{ i18n "fact_year" }}</dt><dd>{{ $x.year }}</dd></div>
        {{- end }}
        {{- if eq $kind "book" }}
        <div><dt>{{ i18n "fact_publisher" }}</dt><dd>{{ $x.publisher }}</dd></div>
        <div><dt>{{ i18n "fact_year" }}</dt><dd>{{ $x.year }}</dd></div>
        <div><dt>{{ i18n "fact_format" }}</dt><dd>{{ i18n (printf "format_%s" $x.format) }}</dd></div>
        {{- with $x.pages }}
        <div><dt>{{ i18n "fact_pages" }}</dt><dd>{{ i18n "pages_count" (int .) }}</dd></div>
        {{- end }}
        {{- with $x.isbn }}
        <div><dt>{{ i18n "fact_isbn" }}</dt><dd>{{ . }}</dd></div>
        {{- end }}
        {{- end }}
        {{- if eq $kind "music" }}
        <div><dt>{{ i18n "fact_release_type" }}</dt><dd>{{ i18n (printf "release_type_%s" $x.release_type) }}</dd></div>
        <div><dt>{{ i18n "fact_release_date" }}</dt><dd>{{ time.AsTime $x.release_date | time.Format ":date_long" }}</dd></div>
        {{- with $x.label }}
        <div><dt>{{ i18n "fact_label" }}</dt><dd>{{ . }}</dd></div>
        {{- end }}
        {{- end }}
        {{- if eq $kind "production" }}
        <div><dt>{{ i18n "fact_institution" }}</dt><dd>{{ index hugo.Data.institutions $x.institution $lang }}</dd></div>
        <div><dt>{{ i18n "fact_type" }}</dt><dd>{{ i18n (printf "production_type_%s" (replace $x.type "-" "_")) }}</dd></div>
        <div><dt>{{ i18n "fact_year" }}</dt><dd>{{ $x.year }}</dd></div>
        {{- end }}
        {{- with $x.duration }}
        {{- $m := int . }}
        <div><dt>{{ i18n "fact_duration" }}</dt><dd>{{ if ge $m 60 }}{{ replace (replace (i18n "duration_hm") "{h}" (string (div $m 60))) "{m}" (string (mod $m 60)) }}{{ else }}{{ i18n "minutes" $m }}{{ end }}</dd></div>
        {{- end }}
        {{- if eq $kind "film" }}
        <div><dt>{{ i18n "fact_genre" }}</dt><dd>{{ i18n (printf "genre_%s" $x.genre) }}</dd></div>
        {{- with $x.subtitles }}
        {{- $names := slice }}
        {{- range . }}{{ $names = $names | append (index hugo.Data.languages . $lang) }}{{ end }}
        <div><dt>{{ i18n "fact_subtitles" }}</dt><dd>{{ delimit $names ", " }}</dd></div>
        {{- end }}
        {{- end }}
        {{- if eq $kind "webinar" }}
        <div><dt>{{ i18n "fact_attendance" }}</dt><dd>{{ i18n (printf "attendance_%s" $x.attendance) }}</dd></div>
        {{- end }}
        {{- $names := slice }}
        {{- range $x.languages }}{{ $names = $names | append (index hugo.Data.languages . $lang) }}{{ end }}
        <div><dt>{{ i18n "fact_languages" }}</dt><dd>{{ delimit $names ", " }}</dd></div>
        {{- with $x.audience }}
        {{- $names := slice }}
        {{- range . }}{{ $names = $names | append (i18n (printf "audience_%s" .)) }}{{ end }}
        <div><dt>{{ i18n "fact_audience" }}</dt><dd>{{ delimit $names ", " }}</dd></div>
        {{- end }}
        <div><dt>{{ i18n "fact_themes" }}</dt><dd><ul class="tags">
          {{- range .GetTerms "themes" }}
          <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
          {{- end }}
        </ul></dd></div>
        <div><dt>{{ i18n "fact_countries" }}</dt><dd><ul class="tags">
          {{- range .GetTerms "countries" }}
          <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
          {{- end }}
        </ul></dd></div>
      </dl>
    </section>

    <div class="record-main">
      <div class="prose">
        {{ .Content }}
      </div>
      {{- with $x.credits }}
      <section class="record-section" aria-labelledby="record-credits">
        <h2 id="record-credits">{{ i18n "credits" }}</h2>
        <dl class="credits">
          {{- range . }}
          <div><dt>{{ index hugo.Data.roles .role $lang }}</dt><dd><bdi>{{ .name }}</bdi></dd></div>
          {{- end }}
        </dl>
      </section>
      {{- end }}
      {{- with $x.speakers }}
      <section class="record-section" aria-labelledby="record-speakers">
        <h2 id="record-speakers">{{ i18n "speakers" }}</h2>
        <ul class="people">
          {{- range . }}
          <li><bdi class="person-name">{{ .name }}</bdi>
            {{- with .affiliation }}<span class="person-affiliation">{{ if reflect.IsMap . }}{{ index . $lang }}{{ else }}{{ . }}{{ end }}</span>{{ end }}</li>
          {{- end }}
        </ul>
      </section>
      {{- end }}
      {{- with $x.tracks }}
      <section class="record-section" aria-labelledby="record-tracks">
        <h2 id="record-tracks">{{ i18n "tracks" }}</h2>
        <ol class="tracks">
          {{- range $i, $t := . }}
          <li value="{{ add $i 1 }}"><bdi class="track-title">{{ $t.title }}</bdi>
            {{- with $t.duration }} <span class="track-duration">{{ . }}</span>{{ end }}</li>
          {{- end }}
        </ol>
      </section>
      {{- end }}
      {{- with $x.links }}
      <section class="record-section" aria-labelledby="record-links">
        <h2 id="record-links">{{ i18n "links" }}</h2>
        <ul class="links">
          {{- range . }}
          <li><a href="{{ .url }}" rel="external">{{ if reflect.IsMap .label }}{{ index .label $lang }}{{ else }}{{ .label }}{{ end }}</a></li>
          {{- end }}
        </ul>
      </section>
      {{- end }}
    </div>
  </div>
  {{- if site.Params.related }}
  {{- with partial "related.html" . }}
  <section class="record-section related" aria-labelledby="record-related">
    <h2 id="record-related">{{ i18n "related" }}</h2>
    <ul class="cards">
      {{- range . }}
      {{ partial "card.html" (dict "p" . "level" 3) }}
      {{- end }}
    </ul>
  </section>
  {{- end }}
  {{- end }}
  <footer class="record-dates">
    <p>{{ i18n "published_on" }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>
    {{- if .Lastmod.After .Date }}<span class="sep" aria-hidden="true"> · </span>{{ i18n "updated_on" }} <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod | time.Format ":date_long" }}</time>{{ end }}</p>
  </footer>
</article>
{{- end }}
{{ end }}
""",
}

# --------------------------------------------------------------------------

LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, required=True, help="number of records (>= 0)")
    p.add_argument("--languages", default="fr,en",
                   help="comma-separated site languages; the first is the default (default: fr,en)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    p.add_argument("--out", type=Path, required=True,
                   help="site folder to create; must not exist or be empty")
    p.add_argument("--format", choices=("vitrine", "hugo"), default="vitrine",
                   help="write a vitrine site (default) or the same records as a Hugo site")
    p.add_argument("--theme-dir", type=Path,
                   default=Path(__file__).resolve().parent.parent / "themes",
                   help="folder that DIR/themes links to (default: the repository's themes/)")
    args = p.parse_args(argv)
    if args.records < 0:
        p.error("--records must be >= 0")
    args.languages = [l.strip() for l in args.languages.split(",") if l.strip()]
    if not args.languages:
        p.error("--languages needs at least one language code")
    for code in args.languages:
        if not LANG_CODE.match(code):
            p.error(f"--languages: `{code}` is not a language code such as fr, en or pt-BR")
    if len(set(args.languages)) != len(args.languages):
        p.error("--languages: a language is listed twice")
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        p.error(f"--out {args.out}: exists and is not an empty folder")
    return args


def write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


FREE_PAGES = (("a-propos", "À propos", "About", "about"),
              ("mentions-legales", "Mentions légales", "Legal notice", "legal-notice"))


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    gen = Generator(args.languages, args.seed)
    out: Path = args.out
    theme_dir = args.theme_dir.resolve()
    if not theme_dir.is_dir():
        print(f"gen-catalogue: error: {theme_dir} is not a folder", file=sys.stderr)
        sys.exit(2)
    out.mkdir(parents=True, exist_ok=True)
    if args.format == "hugo":
        pages = [(page_id, gen.page(page_id, fr, en, en_slug)) for page_id, fr, en, en_slug in FREE_PAGES]
        written, counts = HugoWriter(gen, theme_dir).write_site(out, pages, args.records)
        mix = ", ".join(f"{n} {k}" for k, n in counts.items())
        print(f"gen-catalogue: {args.records} records × {len(args.languages)} languages "
              f"({mix}) in {out} (Hugo site), {written / 2**20:.1f} MiB of text")
        return 0
    written = 0
    written += write(out / "site.yaml", gen.site_yaml())
    (out / "data").mkdir()
    written += write(out / "data" / "themes.yaml", gen.vocabulary_yaml(THEMES))
    written += write(out / "data" / "roles.yaml", gen.vocabulary_yaml(ROLES))
    written += write(out / "data" / "institutions.yaml", gen.vocabulary_yaml(INSTITUTIONS))
    written += write(out / "data" / "countries.yaml", gen.vocabulary_yaml(COUNTRY_NAMES))
    written += write(out / "data" / "languages.yaml", gen.vocabulary_yaml(WORK_LANGUAGE_NAMES))
    for page_id, fr, en, en_slug in FREE_PAGES:
        d = out / "content" / "pages" / page_id
        d.mkdir(parents=True)
        for name, text in gen.page(page_id, fr, en, en_slug).items():
            written += write(d / name, text)

    counts = dict.fromkeys(KIND_FOLDERS.values(), 0)
    for folder in counts:
        (out / "content" / folder).mkdir(parents=True)
    for i in range(args.records):
        folder, record_id, files = gen.record(i)
        d = out / "content" / folder / record_id
        d.mkdir()
        for name, text in files.items():
            written += write(d / name, text)
        counts[folder] += 1

    # Copied, not linked: vitrine refuses symbolic links that lead outside the site.
    shutil.copytree(theme_dir, out / "themes")

    mix = ", ".join(f"{n} {k}" for k, n in counts.items())
    print(f"gen-catalogue: {args.records} records × {len(args.languages)} languages "
          f"({mix}) in {out}, {written / 2**20:.1f} MiB of text")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
