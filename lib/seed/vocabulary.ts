// French word lists the generator combines into plausible, invented company names, descriptions,
// people and schools. Any resemblance to a real company is a coincidence of common words.
import type { Gender } from "./places";

type Noun = readonly [word: string, gender: Gender];

// One kind of business within a sector: its names, what it makes and what the visit shows agree.
export type Trade = {
  nouns: readonly Noun[]; // head of the company name: "Fonderie", "Laiterie"…
  activities: readonly string[]; // completes "Depuis 1962, notre site de Cluses …"
  visits: readonly string[];
  siteWords?: readonly string[]; // what the site is called when not "Site", "Usine"…
};

export type SectorProfile = {
  code: string; // NAF rév. 2 division
  weight: number; // share of the seeded roster, roughly following industrial employment
  trades: readonly Trade[];
  hazardous?: boolean; // machines, heat, chemicals: closed shoes, minimum age
  magnets?: boolean; // induction furnaces, welding, big motors: pacemaker warning
  secure?: boolean; // pharma, aerospace, energy: ID checked at the gate
  hygiene?: boolean; // food and pharma: hygiene gear
};

export const SECTOR_PROFILES: readonly SectorProfile[] = [
  {
    code: "08",
    weight: 2,
    hazardous: true,
    trades: [
      {
        nouns: [["Carrières", "fp"], ["Sablières", "fp"]],
        activities: ["extrait et concasse les granulats utilisés par le bâtiment et les routes de la région"],
        visits: ["Du front de taille au concasseur, vous verrez les engins et le tir de mine expliqué par nos géologues."],
        siteWords: ["Carrière"],
      },
      {
        nouns: [["Granits", "mp"], ["Ardoisières", "fp"]],
        activities: ["extrait et taille la pierre pour les façades, les toitures et les monuments"],
        visits: ["La visite longe le front d'exploitation puis les ateliers de sciage et de polissage."],
        siteWords: ["Carrière"],
      },
    ],
  },
  {
    code: "09",
    weight: 0.5,
    hazardous: true,
    trades: [
      {
        nouns: [["Forages", "mp"], ["Services de Forage", "mp"]],
        activities: ["réalise des forages d'eau et de géothermie partout en France"],
        visits: ["Vous découvrirez nos foreuses, l'atelier de maintenance et le laboratoire d'analyse des carottes."],
      },
    ],
  },
  {
    code: "10",
    weight: 14,
    hygiene: true,
    trades: [
      {
        nouns: [["Laiterie", "f"], ["Fromagerie", "f"]],
        activities: ["transforme le lait collecté dans les fermes alentour en fromages et en yaourts", "affine des fromages au lait cru dans ses caves"],
        visits: ["De la réception du lait aux caves d'affinage, la visite se termine par une dégustation."],
      },
      {
        nouns: [["Biscuiterie", "f"], ["Chocolaterie", "f"], ["Confiserie", "f"]],
        activities: ["fabrique chaque jour plusieurs tonnes de biscuits et de gâteaux secs", "produit des chocolats et des confiseries vendus dans toute l'Europe"],
        visits: ["Depuis une galerie vitrée, vous verrez le pétrissage, la cuisson et l'emballage, avant une dégustation."],
      },
      {
        nouns: [["Conserverie", "f"], ["Salaisons", "fp"]],
        activities: ["met en conserve les légumes et les poissons de la région", "prépare et affine jambons et saucissons selon des recettes familiales"],
        visits: ["La visite suit le produit de la matière première jusqu'au conditionnement, en passant par le laboratoire qualité."],
      },
      {
        nouns: [["Minoterie", "f"], ["Moulins", "mp"]],
        activities: ["écrase le blé des coopératives voisines pour les boulangers de la région"],
        visits: ["Du silo aux broyeurs et aux plansichters, vous suivrez le grain jusqu'au sac de farine."],
      },
    ],
  },
  {
    code: "11",
    weight: 3,
    hygiene: true,
    trades: [
      {
        nouns: [["Brasserie", "f"]],
        activities: ["brasse des bières blondes, ambrées et de saison"],
        visits: ["Vous suivrez le brassage, la fermentation puis la mise en bouteille, et goûterez nos jus (sans alcool pour les mineurs)."],
      },
      {
        nouns: [["Distillerie", "f"], ["Cidrerie", "f"]],
        activities: ["distille des eaux-de-vie et des liqueurs à partir de fruits locaux", "presse les pommes des vergers voisins pour en faire cidres et jus"],
        visits: ["La visite passe par le pressoir, les cuves, la salle des alambics et la chaîne d'embouteillage."],
      },
    ],
  },
  {
    code: "13",
    weight: 2,
    trades: [
      {
        nouns: [["Tissage", "m"], ["Tissages", "mp"], ["Atelier Textile", "m"]],
        activities: ["tisse des toiles techniques pour l'ameublement, le sport et l'aéronautique"],
        visits: ["Vous verrez les métiers à tisser en action et le bureau d'études où naissent les motifs."],
      },
      {
        nouns: [["Filature", "f"], ["Teinturerie", "f"]],
        activities: ["file et teint la laine et le coton pour des maisons de couture"],
        visits: ["De la fibre brute à la bobine teinte, la visite montre chaque étape et les contrôles qualité."],
      },
    ],
  },
  {
    code: "14",
    weight: 1,
    trades: [
      {
        nouns: [["Confection", "f"], ["Chemiserie", "f"], ["Bonneterie", "f"], ["Ateliers de Confection", "mp"]],
        activities: ["coud des vêtements de travail et des uniformes", "confectionne des chemises et des pulls en petites séries"],
        visits: ["Vous passerez de la table de coupe aux postes de couture, où chaque pièce est assemblée à la main."],
      },
    ],
  },
  {
    code: "15",
    weight: 1,
    trades: [
      {
        nouns: [["Tannerie", "f"], ["Maroquinerie", "f"], ["Ganterie", "f"]],
        activities: ["tanne et teint des peaux pour la maroquinerie de luxe", "coupe et coud des sacs et des gants en cuir"],
        visits: ["La visite montre le travail du cuir, de la peau brute à la découpe, à la piqûre et aux finitions."],
      },
      {
        nouns: [["Manufacture de Chaussures", "f"]],
        activities: ["fabrique des chaussures de ville et de sécurité"],
        visits: ["Vous suivrez une chaussure de la découpe du cuir au montage sur la forme et au contrôle final."],
      },
    ],
  },
  {
    code: "16",
    weight: 2,
    hazardous: true,
    trades: [
      {
        nouns: [["Scierie", "f"], ["Charpentes", "fp"], ["Parqueterie", "f"]],
        activities: ["scie et sèche les résineux des forêts voisines", "produit parquets et charpentes en bois massif"],
        visits: ["Vous suivrez la grume depuis le parc à bois jusqu'aux séchoirs et à la ligne de rabotage."],
      },
      {
        nouns: [["Tonnellerie", "f"]],
        activities: ["fabrique des tonneaux en chêne pour les vignobles du monde entier"],
        visits: ["La visite passe par l'atelier de façonnage et la chauffe des douelles au feu de bois."],
      },
    ],
  },
  {
    code: "17",
    weight: 2,
    hazardous: true,
    trades: [
      {
        nouns: [["Papeterie", "f"], ["Cartonnerie", "f"], ["Cartonnages", "mp"]],
        activities: ["fabrique du carton ondulé à partir de fibres recyclées", "produit des papiers spéciaux pour l'impression et l'emballage"],
        visits: ["Vous verrez la machine à papier, longue de plusieurs dizaines de mètres, et les bobines géantes en sortie."],
      },
    ],
  },
  {
    code: "18",
    weight: 2,
    trades: [
      {
        nouns: [["Imprimerie", "f"], ["Arts Graphiques", "mp"]],
        activities: ["imprime livres, catalogues et étiquettes pour des clients de toute la France"],
        visits: ["De la préparation des fichiers aux presses offset, vous découvrirez toute la chaîne graphique."],
      },
    ],
  },
  {
    code: "20",
    weight: 5,
    hazardous: true,
    secure: true,
    trades: [
      {
        nouns: [["Peintures", "fp"], ["Résines", "fp"]],
        activities: ["formule et fabrique des peintures et des vernis pour le bâtiment"],
        visits: ["La visite présente le laboratoire de formulation, les mélangeurs et la ligne de conditionnement."],
      },
      {
        nouns: [["Savonnerie", "f"]],
        activities: ["produit des savons et des cosmétiques à partir d'huiles végétales"],
        visits: ["Vous verrez la saponification en chaudron, le séchage puis le moulage des savons."],
      },
      {
        nouns: [["Chimie Fine", "f"]],
        activities: ["synthétise des molécules pour la santé et l'agriculture"],
        visits: ["Vous découvrirez comment une recette de laboratoire devient une production de plusieurs tonnes."],
      },
    ],
  },
  {
    code: "21",
    weight: 3,
    secure: true,
    hygiene: true,
    trades: [
      {
        nouns: [["Laboratoires", "mp"], ["Laboratoire Pharmaceutique", "m"], ["Façonnage Pharmaceutique", "m"]],
        activities: ["fabrique des comprimés et des sirops distribués en pharmacie", "produit des vaccins et des médicaments injectables"],
        visits: ["Depuis les couloirs de circulation, vous verrez les salles propres et les lignes de conditionnement.", "La visite explique le contrôle qualité, du prélèvement à la libération des lots."],
      },
    ],
  },
  {
    code: "22",
    weight: 6,
    hazardous: true,
    trades: [
      {
        nouns: [["Plasturgie", "f"], ["Plastiques", "mp"], ["Injection Plastique", "f"]],
        activities: ["injecte des pièces plastiques pour l'automobile et l'électroménager", "transforme des granulés recyclés en emballages et en tubes"],
        visits: ["Vous verrez les presses à injecter, les robots de démoulage et l'atelier des moules."],
      },
      {
        nouns: [["Caoutchoucs", "mp"]],
        activities: ["fabrique des joints et des pièces en caoutchouc pour l'industrie"],
        visits: ["La visite suit la matière, du mélange du caoutchouc à la vulcanisation et au contrôle par caméra."],
      },
    ],
  },
  {
    code: "23",
    weight: 4,
    hazardous: true,
    trades: [
      {
        nouns: [["Verrerie", "f"], ["Cristallerie", "f"]],
        activities: ["fabrique des bouteilles et des pots en verre", "souffle et taille des verres en cristal"],
        visits: ["Vous approcherez le four et les souffleurs, puis l'atelier de taille et de décoration."],
      },
      {
        nouns: [["Faïencerie", "f"], ["Porcelaines", "fp"]],
        activities: ["façonne et émaille des faïences décorées à la main"],
        visits: ["Du façonnage au four puis à l'atelier des peintres, vous suivrez chaque pièce."],
      },
      {
        nouns: [["Tuilerie", "f"], ["Briqueterie", "f"]],
        activities: ["cuit tuiles et briques dans un four de plus de cent mètres"],
        visits: ["La visite va de la carrière d'argile aux fours et au contrôle des produits cuits."],
      },
    ],
  },
  {
    code: "24",
    weight: 3,
    hazardous: true,
    magnets: true,
    trades: [
      {
        nouns: [["Fonderie", "f"], ["Fonderies", "fp"]],
        activities: ["coule des pièces en fonte et en aluminium pour le ferroviaire et l'énergie"],
        visits: ["Vous verrez la coulée du métal en fusion, le démoulage et l'ébarbage des pièces."],
      },
      {
        nouns: [["Forges", "fp"], ["Aciérie", "f"], ["Laminoirs", "mp"]],
        activities: ["forge à chaud des pièces en acier pour l'aéronautique", "élabore et lamine des aciers spéciaux"],
        visits: ["La visite passe par les fours, les presses et le laboratoire de métallurgie."],
      },
    ],
  },
  {
    code: "25",
    weight: 11,
    hazardous: true,
    magnets: true,
    trades: [
      {
        nouns: [["Décolletage", "m"], ["Mécanique de Précision", "f"], ["Visserie", "f"]],
        activities: ["usine des pièces de précision pour l'automobile, l'horlogerie et le médical", "transforme chaque jour des tonnes de barres d'acier et de laiton en pièces décolletées"],
        visits: ["Vous suivrez une barre de métal jusqu'à la pièce finie, mesurée au micron près."],
      },
      {
        nouns: [["Chaudronnerie", "f"], ["Tôlerie", "f"]],
        activities: ["découpe, plie et soude des cuves et des structures en inox"],
        visits: ["La visite passe par la découpe laser, les presses plieuses, l'atelier de soudure et le contrôle qualité."],
      },
      {
        nouns: [["Coutellerie", "f"]],
        activities: ["forge et affûte des couteaux de cuisine et de table"],
        visits: ["Vous verrez chaque étape de la lame, du forgeage à l'émouture et au polissage du manche."],
      },
    ],
  },
  {
    code: "26",
    weight: 4,
    secure: true,
    trades: [
      {
        nouns: [["Électronique", "f"], ["Circuits Imprimés", "mp"], ["Capteurs", "mp"]],
        activities: ["assemble des cartes électroniques pour l'industrie et la santé", "conçoit et fabrique des capteurs et des instruments de mesure"],
        visits: ["Vous découvrirez les lignes de montage en surface et la salle blanche, en blouse antistatique."],
      },
      {
        nouns: [["Optique", "f"]],
        activities: ["polit des verres optiques pour les lunettes et les télescopes"],
        visits: ["La visite montre le surfaçage, le polissage et les bancs de mesure optique."],
      },
    ],
  },
  {
    code: "27",
    weight: 4,
    hazardous: true,
    magnets: true,
    trades: [
      {
        nouns: [["Câblerie", "f"]],
        activities: ["fabrique des câbles électriques pour le bâtiment et les réseaux"],
        visits: ["Vous verrez le tréfilage du cuivre, la pose des isolants et les essais haute tension."],
      },
      {
        nouns: [["Transformateurs", "mp"], ["Moteurs Électriques", "mp"]],
        activities: ["bobine et assemble des moteurs et des transformateurs"],
        visits: ["La visite suit le bobinage, l'assemblage puis les essais sur la plateforme haute tension."],
      },
      {
        nouns: [["Éclairage", "m"]],
        activities: ["conçoit des luminaires à LED pour les villes et les stades"],
        visits: ["Vous suivrez un luminaire de la conception à l'assemblage et aux tests de sécurité électrique."],
      },
    ],
  },
  {
    code: "28",
    weight: 6,
    hazardous: true,
    trades: [
      {
        nouns: [["Machines Agricoles", "fp"]],
        activities: ["conçoit et assemble des machines agricoles"],
        visits: ["La visite passe par l'usinage, la peinture et le montage final, jusqu'aux essais des machines."],
      },
      {
        nouns: [["Hydraulique", "f"], ["Pompes", "fp"]],
        activities: ["fabrique des pompes et des vérins hydrauliques"],
        visits: ["Vous verrez l'usinage des corps de pompe, le montage et le banc d'essai sous pression."],
      },
      {
        nouns: [["Robotique", "f"], ["Outillage", "m"]],
        activities: ["construit des robots et des machines spéciales pour l'industrie"],
        visits: ["Vous verrez nos robots en démonstration et rencontrerez les automaticiens qui les programment."],
      },
    ],
  },
  {
    code: "29",
    weight: 5,
    hazardous: true,
    trades: [
      {
        nouns: [["Équipements Automobiles", "mp"]],
        activities: ["fabrique des sièges et des pièces d'habitacle pour les constructeurs automobiles"],
        visits: ["Vous longerez la ligne d'assemblage, cadencée à la minute, et les robots de soudure."],
      },
      {
        nouns: [["Carrosserie Industrielle", "f"], ["Remorques", "fp"]],
        activities: ["carrosse des véhicules utilitaires et des camions frigorifiques", "assemble des remorques et des semi-remorques sur mesure"],
        visits: ["La visite montre la découpe, la soudure puis le montage et la peinture des véhicules."],
      },
    ],
  },
  {
    code: "30",
    weight: 6,
    hazardous: true,
    secure: true,
    trades: [
      {
        nouns: [["Chantier Naval", "m"], ["Chantiers Navals", "mp"]],
        activities: ["construit des bateaux de pêche et de plaisance"],
        visits: ["Vous verrez les coques en construction et les ateliers de stratification."],
        siteWords: ["Chantier"],
      },
      {
        nouns: [["Constructions Aéronautiques", "fp"], ["Aérostructures", "fp"]],
        activities: ["fabrique des éléments de fuselage en matériaux composites"],
        visits: ["La visite montre le drapage des composites, l'autoclave et le contrôle par ultrasons."],
      },
      {
        nouns: [["Constructions Ferroviaires", "fp"]],
        activities: ["assemble des voitures de tramway et de train régional"],
        visits: ["Vous suivrez une voiture de la caisse nue au câblage et aux essais sur voie."],
      },
      {
        nouns: [["Cycles", "mp"]],
        activities: ["fabrique des vélos et des vélos à assistance électrique"],
        visits: ["La visite suit l'assemblage, du cadre nu au réglage final de chaque vélo."],
      },
    ],
  },
  {
    code: "31",
    weight: 2,
    hazardous: true,
    trades: [
      {
        nouns: [["Meubles", "mp"], ["Ébénisterie", "f"], ["Sièges", "mp"]],
        activities: ["fabrique des meubles en bois massif pour la maison et les hôtels"],
        visits: ["Vous passerez de l'atelier de découpe au vernissage et au montage des meubles."],
      },
      {
        nouns: [["Literie", "f"]],
        activities: ["conçoit et assemble des matelas et des sommiers"],
        visits: ["Vous verrez le garnissage, le matelassage et la couture des matelas, à la machine et à la main."],
      },
    ],
  },
  {
    code: "32",
    weight: 3,
    trades: [
      {
        nouns: [["Lunetterie", "f"]],
        activities: ["fabrique des montures de lunettes en acétate et en titane"],
        visits: ["La visite montre un savoir-faire de précision, de la découpe des plaques au polissage des montures."],
      },
      {
        nouns: [["Jouets", "mp"], ["Brosserie", "f"]],
        activities: ["produit des jouets en bois vendus dans toute l'Europe", "fabrique brosses et pinceaux en fibres naturelles"],
        visits: ["Vous verrez l'usinage, l'assemblage et la peinture, entre machines modernes et gestes à la main."],
      },
      {
        nouns: [["Horlogerie", "f"], ["Bijouterie", "f"]],
        activities: ["assemble des montres et des mouvements mécaniques"],
        visits: ["Derrière la vitre de l'atelier, vous observerez le travail des horlogers à la loupe."],
      },
    ],
  },
  {
    code: "33",
    weight: 4,
    hazardous: true,
    magnets: true,
    trades: [
      {
        nouns: [["Maintenance Industrielle", "f"], ["Ateliers de Maintenance", "mp"]],
        activities: ["répare et révise des moteurs, des turbines et des machines-outils"],
        visits: ["Vous verrez des machines démontées, diagnostiquées puis remises en service par nos techniciens."],
      },
      {
        nouns: [["Réparation Navale", "f"]],
        activities: ["entretient et modernise des navires en cale sèche"],
        visits: ["La visite mène au bord de la cale sèche et dans les ateliers de mécanique et de tuyauterie."],
      },
    ],
  },
  {
    code: "35",
    weight: 2,
    hazardous: true,
    magnets: true,
    secure: true,
    trades: [
      {
        nouns: [["Énergies", "fp"]],
        activities: ["produit de l'électricité à partir de la force de la rivière"],
        visits: ["La visite mène à la salle des turbines et au poste de conduite de la centrale."],
        siteWords: ["Centrale"],
      },
      {
        nouns: [["Méthanisation", "f"], ["Réseau de Chaleur", "m"]],
        activities: ["transforme des déchets agricoles en biogaz injecté dans le réseau", "chauffe plusieurs milliers de logements grâce à une chaufferie au bois"],
        visits: ["Vous suivrez le parcours de l'énergie, de la matière première au réseau."],
      },
    ],
  },
  {
    code: "36",
    weight: 1,
    trades: [
      {
        nouns: [["Eaux", "fp"], ["Régie des Eaux", "f"]],
        activities: ["capte, traite et distribue l'eau potable de plusieurs communes"],
        visits: ["Vous suivrez l'eau, du captage aux filtres et au laboratoire d'analyses."],
        siteWords: ["Usine de traitement"],
      },
    ],
  },
  {
    code: "38",
    weight: 2,
    hazardous: true,
    trades: [
      {
        nouns: [["Recyclage", "m"], ["Valorisation", "f"]],
        activities: ["trie et recycle les emballages collectés dans le département"],
        visits: ["Depuis une passerelle, vous verrez les tapis de tri optique et les balles de matières prêtes à repartir."],
        siteWords: ["Centre de tri"],
      },
      {
        nouns: [["Récupération Métaux", "f"]],
        activities: ["récupère, trie et prépare les métaux pour les fonderies"],
        visits: ["Vous verrez la cisaille, le broyeur et les contrôles de radioactivité à l'entrée du site."],
      },
    ],
  },
];

export const SURNAMES = [
  "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel",
  "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
  "Rousseau", "Vincent", "Muller", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "Legrand",
  "Gauthier", "Perrin", "Robin", "Clément", "Morin", "Henry", "Roussel", "Mathieu", "Masson", "Marchand", "Duval", "Denis",
  "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas",
  "Brunet", "Gaillard", "Barbier", "Arnaud", "Roche", "Renard", "Schmitt", "Leroux", "Colin", "Vidal", "Caron", "Picard",
  "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Bourgeois", "Rey", "Leclerc", "Payet", "Rolland", "Lecomte",
  "Guillot", "Hubert", "Berger", "Carpentier", "Moulin", "Deschamps", "Vasseur", "Fleury", "Jacquet", "Poirier", "Marty",
  "Guyot", "Charpentier", "Ménard", "Maillard", "Bertin", "Bailly", "Hervé", "Le Gall", "Collet", "Prévost", "Perrot",
  "Germain", "Breton", "Besson", "Langlois", "Le Goff", "Pelletier", "Perrier", "Lebrun", "Marchal", "Hamon", "Monnier",
  "Michaud", "Tessier", "Chauvin", "Humbert", "Reynaud", "Cordier", "Lejeune", "Delaunay", "Pasquier", "Laporte", "Grondin",
  "Hoarau", "Da Silva", "Nguyen", "Haddad", "Benali", "Diallo", "Ferreira",
] as const;

export const FIRST_NAMES = [
  "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Jade", "Louise", "Sarah", "Julie", "Marie", "Anne", "Sophie",
  "Nathalie", "Isabelle", "Céline", "Aurélie", "Élodie", "Sandrine", "Claire", "Hélène", "Lucie", "Pauline", "Mathilde",
  "Nadia", "Fatima", "Yasmine", "Aïcha", "Thomas", "Lucas", "Hugo", "Louis", "Nathan", "Léo", "Jules", "Arthur", "Gabriel",
  "Raphaël", "Nicolas", "Julien", "Antoine", "Maxime", "Pierre", "Olivier", "Stéphane", "Laurent", "Philippe", "Christophe",
  "David", "Sébastien", "Karim", "Mehdi", "Yanis", "Malik", "Théo", "Paul", "Baptiste", "Romain", "Mathieu", "Vincent",
  "Éric", "Frédéric", "Moussa", "Kevin",
] as const;

// Generic landscape names, plausible anywhere in France: "Laiterie des Combes".
export const PLACE_NAMES = [
  "des Combes", "du Moulin", "de la Vallée", "du Plateau", "des Trois Sources", "du Val", "des Prés", "de l'Étang",
  "des Deux Rivières", "du Bois Joli", "de la Forge", "des Tilleuls",
] as const;

export const SITE_WORDS = ["Site", "Usine", "Site de production", "Établissement"] as const;

export const STREETS = [
  "rue de l'Industrie", "avenue de l'Europe", "rue des Forges", "chemin du Moulin", "rue Gustave-Eiffel", "avenue Jean-Jaurès",
  "rue Denis-Papin", "route de la Gare", "rue des Artisans", "boulevard de la Libération", "rue Marie-Curie", "allée des Métiers",
  "rue du Stade", "route Nationale", "impasse des Tanneurs", "rue de la Fonderie",
] as const;

export const BUSINESS_PARKS = ["ZI des Prés", "ZA du Bois Joli", "Parc d'activités des Portes", "ZI Nord", "ZA de la Croix Blanche", "Technopôle"] as const;

export const FOUNDING_OPENERS = [
  (year: number, ofCommune: string) => `Depuis ${year}, notre site ${ofCommune}`,
  (year: number, _ofCommune: string, atCommune: string) => `Implanté ${atCommune} depuis ${year}, notre site`,
  (year: number) => `Fondée en ${year}, notre entreprise`,
] as const;

export const PEOPLE_SENTENCES = [
  (staff: string) => `${staff} vous feront découvrir leurs métiers, de la production à la maintenance.`,
  () => "Des apprentis et des techniciens répondront à toutes vos questions sur nos métiers et nos formations.",
  () => "Vous repartirez avec une idée concrète des métiers qui recrutent près de chez vous.",
  () => "La visite se termine par un temps d'échange avec nos alternants autour d'un café.",
] as const;

export const ACCESSIBLE_NOTES = ["Parcours de plain-pied ; ascenseur vers la galerie de visite.", "Places de stationnement réservées devant l'accueil.", "Boucle magnétique à l'accueil et casques d'écoute pendant la visite."] as const;
export const INACCESSIBLE_NOTES = ["Passerelles et escaliers métalliques : parcours non accessible en fauteuil.", "Ateliers sur plusieurs niveaux sans ascenseur."] as const;

export const SCHOOL_PATRONS = [
  "Jean-Moulin", "Marie-Curie", "Victor-Hugo", "Jules-Ferry", "Louis-Pasteur", "Simone-Veil", "Jean-Jaurès", "Albert-Camus",
  "Paul-Langevin", "Jacques-Prévert", "Gustave-Eiffel", "Léonard-de-Vinci", "Louise-Michel", "Condorcet", "Jean-Rostand",
  "Marcel-Pagnol", "Georges-Brassens", "Irène-Joliot-Curie", "Olympe-de-Gouges", "Camille-Claudel", "Sophie-Germain",
] as const;

// School types with their class levels and the pupils' usual age in that class.
export const SCHOOL_TYPES = [
  { name: "Collège", levels: [["4e", 13], ["3e", 14]] },
  { name: "Lycée", levels: [["2nde", 15], ["1re", 16], ["Terminale", 17]] },
  { name: "Lycée professionnel", levels: [["2nde pro", 15], ["1re pro", 16], ["CAP", 16]] },
] as const;
