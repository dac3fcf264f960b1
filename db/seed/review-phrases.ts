/**
 * Phrase banks for demo reviews: a review is a few aspect sentences, each positive or negative, so a sentiment
 * model has something to learn and an aspect view has something to show. Written for this project.
 */

export const aspectCodes = [
  "quality", "value", "delivery", "service", "battery", "ease", "fit", "skin", "fun", "durability", "taste",
] as const;
export type AspectCode = (typeof aspectCodes)[number];

interface PhraseBank {
  positive: string[];
  negative: string[];
}

export const aspectPhrases: Record<AspectCode, PhraseBank> = {
  quality: {
    positive: [
      "The build quality is excellent.",
      "Feels solid and well made, better than I expected.",
      "You can tell it is made from good materials.",
      "Great quality, nothing feels cheap about it.",
      "Exactly as described and very well finished.",
      "It does exactly what it should and does it well.",
      "Really impressed with how sturdy it is.",
      "Top quality for a product in this range.",
    ],
    negative: [
      "It feels cheap and flimsy.",
      "Started falling apart after a couple of weeks.",
      "The quality is poor, the seams were already coming loose.",
      "Arrived with a crack and scratches all over.",
      "Nothing like the photos, it looks and feels cheap.",
      "Stopped working properly after a few uses.",
      "The finish is rough and some parts do not fit together.",
      "Much lower quality than the last one I bought from this brand.",
    ],
  },
  value: {
    positive: [
      "Great value for the price.",
      "Worth every penny.",
      "Cheaper than anywhere else and just as good.",
      "For this price I did not expect it to be this good.",
      "Excellent value, I bought a second one.",
      "Fair price for what you get.",
    ],
    negative: [
      "Way overpriced for what you get.",
      "Not worth the money.",
      "You can find better for half the price.",
      "Too expensive for such a basic product.",
      "I regret paying this much for it.",
      "The price went up and the product got worse.",
    ],
  },
  delivery: {
    positive: [
      "Arrived two days early and well packaged.",
      "Fast shipping and the box was in perfect condition.",
      "Delivery was quick and tracking was accurate.",
      "Came the next day, very well packed.",
      "Shipping was fast and free.",
    ],
    negative: [
      "Shipping took almost three weeks.",
      "The box arrived crushed and the item was damaged.",
      "Delivery was late and tracking never updated.",
      "It was left in the rain at the wrong door.",
      "Took forever to arrive and came without any padding.",
    ],
  },
  service: {
    positive: [
      "Customer service answered within an hour and sorted everything out.",
      "Support was friendly and sent a replacement part right away.",
      "Had a question and the seller replied the same day.",
      "The return process was painless.",
    ],
    negative: [
      "Customer service never replied to my emails.",
      "Support kept sending me the same useless template answer.",
      "Returning it was a nightmare.",
      "The seller refused to help even though it arrived broken.",
    ],
  },
  battery: {
    positive: [
      "Battery easily lasts all day.",
      "Charges quickly and holds the charge for days.",
      "Battery life is even better than advertised.",
      "I only need to charge it once a week.",
    ],
    negative: [
      "The battery drains in a few hours.",
      "It will not hold a charge anymore after a month.",
      "Battery life is nowhere near what they claim.",
      "Gets hot while charging and the battery dies fast.",
    ],
  },
  ease: {
    positive: [
      "Easy to set up and use.",
      "Assembly took five minutes with clear instructions.",
      "Simple to clean and easy to store.",
      "Very easy to use, even for beginners.",
    ],
    negative: [
      "The instructions were useless and assembly took hours.",
      "Awkward to use and hard to clean.",
      "Parts did not line up, I had to drill new holes.",
      "Much harder to use than it should be.",
    ],
  },
  fit: {
    positive: [
      "Fits true to size.",
      "The fit is perfect and the fabric is soft.",
      "Comfortable all day, and it kept its shape after washing.",
      "Flattering cut and the length is just right.",
    ],
    negative: [
      "Runs very small, I had to size up twice.",
      "Shrank badly after the first wash.",
      "The fit is boxy and the sleeves are far too long.",
      "The fabric is scratchy and uncomfortable.",
    ],
  },
  skin: {
    positive: [
      "Gentle on my sensitive skin.",
      "Smells lovely without being overpowering.",
      "My skin feels soft and hydrated.",
      "Absorbs quickly and does not feel greasy.",
    ],
    negative: [
      "Gave me a rash after two uses.",
      "The scent is overpowering and artificial.",
      "Left my skin dry and tight.",
      "Feels greasy and broke me out.",
    ],
  },
  fun: {
    positive: [
      "My kids play with it every single day.",
      "Hours of fun for the whole family.",
      "A big hit at the birthday party.",
      "Keeps my daughter busy and learning.",
    ],
    negative: [
      "My son lost interest after ten minutes.",
      "Too fiddly for the age it is marketed for.",
      "Pieces went missing straight out of the box.",
      "Boring, it ended up in the back of the cupboard.",
    ],
  },
  durability: {
    positive: [
      "Survived a whole season of heavy use.",
      "Still looks new after months outdoors.",
      "Tough and weatherproof, it has held up well.",
      "Built to last, I expect it to go for years.",
    ],
    negative: [
      "Broke the second time I used it.",
      "Rusted within a month outside.",
      "The strap tore on the first trip.",
      "Cracked in the cold after a few weeks.",
    ],
  },
  taste: {
    positive: [
      "Tastes fresh and delicious.",
      "The flavor is rich and the whole family loves it.",
      "Best I have had, I will keep ordering it.",
      "Fresh, with a long best-before date.",
    ],
    negative: [
      "Tasted stale, like it had been on a shelf for months.",
      "The flavor is bland and watery.",
      "Arrived past its best-before date.",
      "Too salty and the texture is off.",
    ],
  },
};

/** Short titles by rating (index 0 = one star). */
export const reviewTitles: readonly (readonly string[])[] = [
  ["Do not buy", "Very disappointed", "Waste of money", "Terrible", "Returned it"],
  ["Not great", "Disappointing", "Would not buy again", "Below expectations"],
  ["It's okay", "Mixed feelings", "Average", "Does the job, barely"],
  ["Pretty good", "Happy with it", "Good purchase", "Solid choice"],
  ["Love it", "Excellent", "Exactly what I needed", "Five stars", "Highly recommend"],
];
