"""Short news stories in German, Spanish, French, Italian, Polish, Dutch and Portuguese, for pages
whose class and id names are written in the same language (tests/test_vocab_languages.py).

Each language has a lead (the standfirst), a story of four paragraphs, a longer box of other
prose (a town portrait in a sidebar: more text than the story, so the scorer alone would take
it) and one sentence to put in a chrome block.
"""

from __future__ import annotations

from typing import NamedTuple


class Story(NamedTuple):
    lead: str
    paragraphs: tuple[str, ...]
    other: tuple[str, ...]
    box: str


STORIES = {
    "de": Story(
        "Nach monatelangem Streit hat der Gemeinderat die Sanierung der alten Mainbrücke beschlossen.",
        (
            "Der Gemeinderat hat am Dienstagabend mit großer Mehrheit beschlossen, die alte Mainbrücke "
            "ab dem kommenden Frühjahr umfassend zu sanieren.",
            "Die Kosten von rund 4,8 Millionen Euro teilen sich die Stadt und das Land. Der Bund "
            "beteiligt sich über ein Förderprogramm für kommunale Infrastruktur.",
            "Während der Bauzeit wird der Verkehr über eine Behelfsbrücke umgeleitet. Fußgänger und "
            "Radfahrer können die Brücke auf einer Seite weiter nutzen.",
            "Bürgermeisterin Sabine Keller sprach von einem wichtigen Signal für die Innenstadt. Die "
            "Arbeiten sollen nach zwei Jahren abgeschlossen sein.",
        ),
        (
            "Die Stadt am Main blickt auf eine mehr als tausendjährige Geschichte zurück. Schon im "
            "Mittelalter war sie ein wichtiger Handelsplatz, an dem Kaufleute aus dem ganzen Reich "
            "Tuch, Wein und Salz tauschten, und ihre Märkte zogen Besucher aus der weiten Umgebung an.",
            "Heute leben hier rund 40.000 Menschen. Die Altstadt mit ihren Fachwerkhäusern, dem "
            "Rathaus aus dem 16. Jahrhundert und der gotischen Stadtkirche gehört zu den "
            "meistbesuchten Sehenswürdigkeiten der Region und lockt jedes Jahr viele Gäste an.",
            "Zahlreiche Vereine prägen das kulturelle Leben, vom Musikverein über den Turnverein bis "
            "zum Heimatverein, der das Stadtmuseum betreibt und jeden Sommer das Altstadtfest "
            "ausrichtet, zu dem Tausende Besucher aus dem ganzen Land kommen.",
        ),
        "Diese Zeilen stehen in einem Kasten, den die Seite mit ihrem eigenen Namen als Beiwerk ausweist.",
    ),
    "es": Story(
        "Tras meses de debate, el pleno municipal aprobó la reforma integral del antiguo puente.",
        (
            "El pleno del Ayuntamiento aprobó el martes por amplia mayoría la reforma integral del "
            "antiguo puente sobre el río, que comenzará la próxima primavera.",
            "Las obras costarán unos 4,8 millones de euros, que se repartirán entre el municipio y el "
            "gobierno regional con la ayuda de un programa de fondos europeos.",
            "Durante los trabajos, el tráfico se desviará por un puente provisional. Los peatones y "
            "ciclistas podrán seguir cruzando por uno de los lados.",
            "La alcaldesa, Marta Gil, habló de una señal importante para el centro de la ciudad. Las "
            "obras deberían terminar en un plazo de dos años.",
        ),
        (
            "La ciudad tiene una historia de más de mil años. Ya en la Edad Media era un importante "
            "centro comercial, donde mercaderes de todo el reino intercambiaban paños, vino y sal, y "
            "sus ferias atraían a visitantes de toda la comarca.",
            "Hoy viven aquí unas 40.000 personas. El casco antiguo, con sus casas blasonadas, el "
            "ayuntamiento del siglo XVI y la iglesia gótica, es uno de los lugares más visitados de la "
            "región y recibe cada año a miles de turistas.",
            "Numerosas asociaciones dan vida a la cultura local, desde la banda de música hasta el "
            "club deportivo y la asociación vecinal, que gestiona el museo y organiza cada verano las "
            "fiestas patronales.",
        ),
        "Estas líneas están en un bloque que la página identifica por su nombre como elemento accesorio.",
    ),
    "fr": Story(
        "Après des mois de débat, le conseil municipal a voté la rénovation du vieux pont.",
        (
            "Le conseil municipal a approuvé mardi soir à une large majorité la rénovation complète du "
            "vieux pont sur la rivière, qui débutera au printemps prochain.",
            "Les travaux coûteront environ 4,8 millions d'euros, partagés entre la commune et la région "
            "grâce à un programme de soutien aux infrastructures locales.",
            "Pendant le chantier, la circulation sera déviée par un pont provisoire. Les piétons et "
            "les cyclistes pourront toujours emprunter l'un des trottoirs.",
            "La maire, Claire Dubois, a salué un signal fort pour le centre-ville. Les travaux "
            "devraient s'achever dans deux ans.",
        ),
        (
            "La ville possède une histoire de plus de mille ans. Dès le Moyen Âge, elle était une place "
            "commerciale importante où des marchands de tout le royaume échangeaient du drap, du vin et "
            "du sel, et ses foires attiraient des visiteurs de toute la région.",
            "Aujourd'hui, environ 40 000 habitants y vivent. La vieille ville, avec ses maisons à "
            "colombages, son hôtel de ville du XVIe siècle et son église gothique, figure parmi les "
            "sites les plus visités de la région et attire chaque année de nombreux touristes.",
            "De nombreuses associations animent la vie culturelle, de l'harmonie municipale au club "
            "sportif et à la société d'histoire locale, qui gère le musée et organise chaque été la "
            "grande fête de la vieille ville.",
        ),
        "Ces lignes figurent dans un bloc que la page désigne par son nom comme un élément accessoire.",
    ),
    "it": Story(
        "Dopo mesi di discussioni, il consiglio comunale ha approvato il restauro del vecchio ponte.",
        (
            "Il consiglio comunale ha approvato martedì sera a larga maggioranza il restauro completo "
            "del vecchio ponte sul fiume, che inizierà la prossima primavera.",
            "I lavori costeranno circa 4,8 milioni di euro, divisi tra il Comune e la Regione grazie a "
            "un programma di finanziamento per le infrastrutture locali.",
            "Durante il cantiere il traffico sarà deviato su un ponte provvisorio. Pedoni e ciclisti "
            "potranno continuare ad attraversare su uno dei due lati.",
            "La sindaca, Giulia Conti, ha parlato di un segnale importante per il centro storico. I "
            "lavori dovrebbero concludersi entro due anni.",
        ),
        (
            "La città vanta una storia di oltre mille anni. Già nel Medioevo era un importante centro "
            "di commercio, dove mercanti di tutto il regno scambiavano stoffe, vino e sale, e le sue "
            "fiere richiamavano visitatori da tutto il circondario.",
            "Oggi vi abitano circa 40.000 persone. Il centro storico, con i suoi palazzi nobiliari, il "
            "municipio del Cinquecento e la chiesa gotica, è tra i luoghi più visitati della regione e "
            "accoglie ogni anno migliaia di turisti.",
            "Numerose associazioni animano la vita culturale, dalla banda musicale alla società "
            "sportiva fino alla pro loco, che gestisce il museo civico e organizza ogni estate la "
            "grande festa patronale.",
        ),
        "Queste righe stanno in un riquadro che la pagina indica con il suo nome come elemento accessorio.",
    ),
    "pl": Story(
        "Po miesiącach sporów rada miasta zgodziła się na remont starego mostu.",
        (
            "Rada miasta zdecydowała we wtorek wieczorem zdecydowaną większością głosów o gruntownym "
            "remoncie starego mostu na rzece, który rozpocznie się wiosną.",
            "Prace będą kosztować około 20 milionów złotych. Koszty podzielą się miasto i województwo, "
            "korzystając z programu wsparcia lokalnej infrastruktury.",
            "W czasie budowy ruch zostanie skierowany na most tymczasowy. Piesi i rowerzyści nadal "
            "będą mogli przechodzić jedną stroną mostu.",
            "Burmistrz Anna Nowak mówiła o ważnym sygnale dla centrum miasta. Prace mają potrwać dwa lata.",
        ),
        (
            "Miasto ma ponad tysiącletnią historię. Już w średniowieczu było ważnym ośrodkiem handlu, "
            "w którym kupcy z całego królestwa wymieniali sukno, wino i sól, a jego jarmarki "
            "przyciągały gości z całej okolicy.",
            "Dziś mieszka tu około 40 tysięcy osób. Stare Miasto z kamienicami, ratuszem z XVI wieku i "
            "gotyckim kościołem należy do najchętniej odwiedzanych miejsc w regionie i co roku "
            "przyciąga tysiące turystów.",
            "Liczne stowarzyszenia tworzą życie kulturalne miasta, od orkiestry dętej po klub "
            "sportowy i towarzystwo miłośników miasta, które prowadzi muzeum i co lato organizuje "
            "wielki festyn na rynku.",
        ),
        "Te linijki stoją w bloku, który strona nazywa po swojemu jako dodatek do tekstu.",
    ),
    "nl": Story(
        "Na maanden van discussie heeft de gemeenteraad ingestemd met de renovatie van de oude brug.",
        (
            "De gemeenteraad heeft dinsdagavond met een ruime meerderheid besloten de oude brug over "
            "de rivier volgend voorjaar grondig te renoveren.",
            "De kosten van ongeveer 4,8 miljoen euro worden gedeeld door de gemeente en de provincie, "
            "met steun uit een programma voor lokale infrastructuur.",
            "Tijdens de werkzaamheden wordt het verkeer omgeleid over een tijdelijke brug. Voetgangers "
            "en fietsers kunnen aan één kant blijven oversteken.",
            "Burgemeester Anouk de Vries sprak van een belangrijk signaal voor de binnenstad. Het werk "
            "moet over twee jaar klaar zijn.",
        ),
        (
            "De stad heeft een geschiedenis van meer dan duizend jaar. Al in de middeleeuwen was zij "
            "een belangrijke handelsplaats, waar kooplieden uit het hele land laken, wijn en zout "
            "verhandelden, en haar markten trokken bezoekers uit de wijde omgeving.",
            "Vandaag wonen er ongeveer 40.000 mensen. De binnenstad met haar grachtenpanden, het "
            "stadhuis uit de zestiende eeuw en de gotische kerk behoort tot de drukst bezochte plekken "
            "van de regio en trekt elk jaar duizenden toeristen.",
            "Talrijke verenigingen bepalen het culturele leven, van de harmonie en de sportclub tot de "
            "historische vereniging, die het stadsmuseum beheert en elke zomer het grote stadsfeest "
            "organiseert.",
        ),
        "Deze regels staan in een blok dat de pagina met een eigen naam als bijzaak aanduidt.",
    ),
    "pt": Story(
        "Depois de meses de debate, a câmara municipal aprovou a reforma da velha ponte.",
        (
            "A câmara municipal aprovou na terça-feira à noite, por ampla maioria, a reforma completa "
            "da velha ponte sobre o rio, que começará na próxima primavera.",
            "As obras vão custar cerca de 4,8 milhões de euros, divididos entre o município e o governo "
            "regional, com o apoio de um programa para infraestruturas locais.",
            "Durante as obras, o trânsito será desviado por uma ponte provisória. Peões e ciclistas "
            "poderão continuar a atravessar por um dos lados.",
            "A presidente da câmara, Ana Ribeiro, falou de um sinal importante para o centro da "
            "cidade. As obras deverão terminar dentro de dois anos.",
        ),
        (
            "A cidade tem uma história de mais de mil anos. Já na Idade Média era um importante centro "
            "de comércio, onde mercadores de todo o reino trocavam panos, vinho e sal, e as suas feiras "
            "atraíam visitantes de toda a região.",
            "Hoje vivem aqui cerca de 40 mil pessoas. O centro histórico, com os seus solares, os paços "
            "do concelho do século XVI e a igreja gótica, está entre os locais mais visitados da região "
            "e recebe todos os anos milhares de turistas.",
            "Numerosas associações animam a vida cultural, da banda filarmónica ao clube desportivo e "
            "à associação de moradores, que gere o museu municipal e organiza todos os verões as "
            "grandes festas da cidade.",
        ),
        "Estas linhas estão num bloco que a página identifica pelo seu nome como elemento acessório.",
    ),
}
