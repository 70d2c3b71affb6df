// Topic vocabularies (upstream's 16 topic names, same order). Each topic has 40 words of its own, and no
// word belongs to two topics, so a post's words carry its topic; the first four double as hashtags.

const TOPIC_WORDS_RAW = {
  space:
    'orbit rocket nasa spacex astronaut galaxy nebula telescope launch satellite mars lunar moon comet asteroid cosmos starship booster payload iss rover exoplanet hubble webb eclipse meteor spacewalk capsule cosmonaut supernova pulsar quasar orbital countdown liftoff module gravity stargazing blackhole planetarium',
  cooking:
    'recipe simmer saute braise oven skillet marinade roast knead dough whisk chop garlic onion broth stew bake sourdough seasoning spatula stovetop caramelize julienne poach glaze batter reduction deglaze preheat casserole dutchoven braising mise blanch sear ladle colander grater apron saucepan',
  ml: 'transformer neural gradient dataset training inference embedding tokenizer finetune pytorch tensor attention backprop overfitting benchmark llm diffusion optimizer epoch checkpoint gpu dropout softmax regression classifier pretraining rlhf quantization distillation latent encoder decoder perplexity hyperparameter minibatch convolution autoencoder logits crossentropy alignment',
  gaming:
    'gamer console esports speedrun controller playstation xbox nintendo steam multiplayer loot respawn boss quest rpg fps moba patch nerf buff raid dungeon leaderboard twitch streamer headshot lobby matchmaking indie platformer sandbox achievement save checkpointed cosplay gamepad arcade retro pixel noob',
  music:
    'album concert guitar melody chorus lyrics vinyl playlist drummer bassline remix dj festival singer songwriter tour encore acoustic synth beat producer orchestra symphony jazz hiphop rapper verse tempo chord soundcheck headliner setlist backstage mixtape piano violin choir karaoke gig bandcamp',
  travel:
    'passport airport flight itinerary backpacking hostel luggage boarding layover destination roadtrip wanderlust visa sightseeing resort cruise jetlag souvenir airbnb backpack beachfront tourist getaway terminal carryon excursion guidebook honeymoon expedia checkin hotel landmark ferry airline train overland nomad trek suitcase passenger',
  sports:
    'goal touchdown playoff stadium coach referee league championship striker quarterback dunk slamdunk midfielder homerun pitcher tournament penalty offside overtime roster draft transfer scoreline hattrick knockout medal olympics athlete sprint marathon relay halftime fixture derby trophy kickoff rebound inning goalkeeper freekick',
  finance:
    'stocks market bonds inflation earnings portfolio dividend nasdaq bullish bearish etf hedge yield recession ipo valuation crypto bitcoin ledger interest fed treasury equity liquidity shortsell margin volatility index futures options budget savings mortgage fintech revenue profit investor brokerage payroll accounting',
  art: 'painting canvas sketch gallery watercolor sculpture portrait brushstroke acrylic easel mural illustration charcoal pastel exhibition curator artwork artist studio palette impressionism abstract printmaking ceramics pottery etching linocut collage calligraphy fresco gouache sketchbook museum masterpiece doodle inking commission lithograph muralist artprint',
  science:
    'experiment hypothesis molecule physics chemistry biology quantum particle laboratory microscope genome enzyme protein neuron evolution fossil climate research peerreview journal theory electron photon relativity isotope catalyst bacteria vaccine cell dna rna specimen equation thermodynamics entropy spectrometer researcher microbiology neuroscience biochemistry',
  fashion:
    'runway couture designer outfit streetwear sneakers denim vintage wardrobe stylist lookbook handbag tailoring silhouette fabric textile accessories jewelry boutique model vogue catwalk trend apparel knitwear blazer stiletto thrift ootd makeup cosmetics lipstick hairstyle embroidery sustainable menswear boots collection capsulewardrobe couturier',
  food: 'pizza burger sushi ramen tacos brunch dessert cheese chocolate bakery espresso latte croissant noodles dumplings bbq steak salad avocado smoothie icecream donut foodie restaurant menu takeout streetfood snack delicious spicy brisket pancake waffle bagel pastry curry burrito fries milkshake gelato',
  history:
    'ancient empire medieval dynasty archaeology pharaoh castle revolution monarchy civilization artifact manuscript historian century colonial renaissance treaty battle knight emperor roman viking samurai pyramid chronicle archive heritage monument wartime byzantine feudal crusade aztec mesopotamia parchment antiquity relic dynastic coronation medievalist',
  film: 'movie cinema director screenplay trailer boxoffice blockbuster sequel premiere oscars actor actress cinematography editing soundtrack documentary netflix streaming horror thriller comedy drama animation casting franchise rewatch criticreview imax popcorn screening festivalcut storyboard filmmaker cameo remake spoiler biopic matinee screenwriter filmography',
  nature:
    'forest wildlife mountains river ocean hiking birdwatching waterfall sunset meadow wildflower glacier canyon rainforest coral reef butterfly eagle wolf bear deer trail camping national park ecosystem conservation botany moss fern tide volcano desert savanna owl lichen redwood snowfall fauna flora',
  tech: 'smartphone startup software hardware laptop gadget app cloud cybersecurity developer javascript typescript linux opensource chip semiconductor broadband fiveg wearable smartwatch firmware api kubernetes serverless database browser keyboard monitor processor silicon battery usb wifi router bluetooth upgrade android iphone gigabit touchscreen',
} as const

export type TopicName = keyof typeof TOPIC_WORDS_RAW

export const TOPICS: readonly TopicName[] = Object.keys(TOPIC_WORDS_RAW) as TopicName[]

export const TOPIC_WORDS: readonly (readonly string[])[] = TOPICS.map((t) => TOPIC_WORDS_RAW[t].split(' '))

/** A few hashtags per topic: the topic's name and its first four words. */
export const TOPIC_HASHTAGS: readonly (readonly string[])[] = TOPICS.map((t, i) => [
  `#${t}`,
  ...TOPIC_WORDS[i]!.slice(0, 4).map((w) => `#${w}`),
])
