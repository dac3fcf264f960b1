import type { AspectCode } from "./review-phrases";

/**
 * What makes each category behave differently: price level, how price-sensitive its buyers are, when in the year
 * it sells, how long its reorders take. The ranges are the generator's ground truth; the drawn values land in
 * truth_products.
 */

export const categoryCodes = ["electronics", "home", "apparel", "beauty", "toys", "sports", "garden", "grocery"] as const;
export type CategoryCode = (typeof categoryCodes)[number];

/** A seasonal bump: demand rises by `amplitude` (relative) around `peakDay` (day of year), Gaussian of `widthDays`. */
interface SeasonalBump {
  peakDay: number;
  widthDays: number;
  amplitude: number;
}

export interface CategorySpec {
  code: CategoryCode;
  name: string;
  skuPrefix: string;
  /** Products at scale 1. */
  productCount: number;
  /** Reference prices are lognormal around the median, clipped to [min, max]. */
  priceMedianCents: number;
  priceSigma: number;
  priceMinCents: number;
  priceMaxCents: number;
  /** Constant own-price elasticity range (log-log slope of units on price). */
  elasticity: [number, number];
  /** How much demand falls per unit of relative price above the competitors' average. */
  competitorSensitivity: [number, number];
  /** Extra demand multiplier on promotion days, on top of the price effect. */
  promoLift: [number, number];
  /** Scales the typical daily units of the category's products. */
  demandLevel: number;
  trendPerYearMean: number;
  leadTimeDays: [number, number];
  /** Share of the category's goods that is returned, before product quality is taken into account. */
  returnRate: number;
  seasonBase: number;
  seasonBumps: SeasonalBump[];
  /** Multipliers on the store-wide channel shares (web, app, marketplace, store). */
  channelTilt: [number, number, number, number];
  brands: string[];
  nouns: string[];
  /** What its reviews talk about. */
  aspects: AspectCode[];
  /** Electronics reviews also quote real sentences from the UCI phone-accessory reviews. */
  realSentences: boolean;
}

const xmas: SeasonalBump = { peakDay: 345, widthDays: 16, amplitude: 0.8 };
const blackFridayWeek: SeasonalBump = { peakDay: 330, widthDays: 5, amplitude: 0.5 };

export const categories: readonly CategorySpec[] = [
  {
    code: "electronics", name: "Electronics", skuPrefix: "ELE", productCount: 55,
    priceMedianCents: 9_000, priceSigma: 0.9, priceMinCents: 1_500, priceMaxCents: 120_000,
    elasticity: [-3.2, -1.8], competitorSensitivity: [1.5, 3.5], promoLift: [1.2, 1.7], demandLevel: 0.8,
    trendPerYearMean: 0.08, leadTimeDays: [14, 35], returnRate: 0.04,
    seasonBase: 0.6, seasonBumps: [{ ...xmas, amplitude: 1.6, widthDays: 18 }, blackFridayWeek, { peakDay: 228, widthDays: 12, amplitude: 0.35 }],
    channelTilt: [1, 1, 1.3, 0.8],
    brands: ["Voltix", "Auralis", "Nexon", "Pixelon", "Kestrel", "Lumio"],
    nouns: [
      "Wireless Earbuds", "Bluetooth Speaker", "USB-C Charger", "Smartwatch", "27-inch Monitor", "Noise-Cancelling Headphones",
      "Laptop Stand", "Mechanical Keyboard", "HD Webcam", "Power Bank", "10-inch Tablet", "Phone Case", "Gaming Mouse",
      "Smart Plug", "Action Camera", "E-Reader", "Car Phone Mount", "Fitness Tracker", "Soundbar", "Portable SSD",
    ],
    aspects: ["quality", "value", "delivery", "battery", "service"], realSentences: true,
  },
  {
    code: "home", name: "Home & Kitchen", skuPrefix: "HOM", productCount: 50,
    priceMedianCents: 4_000, priceSigma: 0.8, priceMinCents: 800, priceMaxCents: 40_000,
    elasticity: [-2.4, -1.2], competitorSensitivity: [0.8, 2.0], promoLift: [1.15, 1.6], demandLevel: 1.0,
    trendPerYearMean: 0.04, leadTimeDays: [7, 25], returnRate: 0.03,
    seasonBase: 0.8, seasonBumps: [{ ...xmas, amplitude: 0.6, widthDays: 20 }, { peakDay: 325, widthDays: 8, amplitude: 0.3 }],
    channelTilt: [1.1, 0.9, 1, 1],
    brands: ["Hearthly", "Copperleaf", "Nestwell", "Brightbowl", "Oakline"],
    nouns: [
      "Chef's Knife", "Nonstick Skillet", "Coffee Grinder", "Electric Kettle", "Bath Towel Set", "Cutting Board",
      "Stand Mixer", "Air Fryer", "Storage Containers", "Throw Blanket", "Table Lamp", "Dutch Oven", "French Press",
      "Spice Rack", "Knife Block", "Pillow Pair", "Dish Rack",
    ],
    aspects: ["quality", "value", "delivery", "ease", "service"], realSentences: false,
  },
  {
    code: "apparel", name: "Apparel", skuPrefix: "APP", productCount: 50,
    priceMedianCents: 3_500, priceSigma: 0.6, priceMinCents: 1_000, priceMaxCents: 20_000,
    elasticity: [-2.8, -1.4], competitorSensitivity: [0.4, 1.2], promoLift: [1.3, 1.9], demandLevel: 1.1,
    trendPerYearMean: 0.02, leadTimeDays: [10, 30], returnRate: 0.08,
    seasonBase: 0.75,
    seasonBumps: [{ peakDay: 95, widthDays: 25, amplitude: 0.35 }, { peakDay: 240, widthDays: 15, amplitude: 0.3 }, { ...xmas, amplitude: 0.8, widthDays: 18 }],
    channelTilt: [1, 1.3, 0.8, 1],
    brands: ["Norththread", "Mayfair & Co", "Drift", "Urbanloom", "Kindred"],
    nouns: [
      "Cotton T-Shirt", "Denim Jacket", "Running Shorts", "Wool Sweater", "Rain Jacket", "Chino Trousers", "Hoodie",
      "Linen Shirt", "Leggings", "Puffer Vest", "Sneakers", "Beanie", "Socks 5-Pack", "Flannel Shirt",
    ],
    aspects: ["quality", "value", "delivery", "fit", "service"], realSentences: false,
  },
  {
    code: "beauty", name: "Beauty", skuPrefix: "BEA", productCount: 35,
    priceMedianCents: 2_000, priceSigma: 0.6, priceMinCents: 500, priceMaxCents: 12_000,
    elasticity: [-1.8, -0.8], competitorSensitivity: [0.3, 1.0], promoLift: [1.3, 1.9], demandLevel: 1.4,
    trendPerYearMean: 0.1, leadTimeDays: [5, 15], returnRate: 0.02,
    seasonBase: 0.85,
    seasonBumps: [{ ...xmas, amplitude: 0.7, widthDays: 14 }, { peakDay: 44, widthDays: 5, amplitude: 0.4 }, { peakDay: 128, widthDays: 6, amplitude: 0.4 }],
    channelTilt: [0.9, 1.2, 0.9, 1.1],
    brands: ["Lumiere", "Petalon", "Verdant Skin", "Aurelle", "Glowhaus"],
    nouns: [
      "Face Serum", "Moisturizer", "Lip Balm", "Shampoo", "Conditioner", "Sunscreen SPF 50", "Eau de Parfum",
      "Hand Cream", "Night Cream", "Face Wash", "Mascara", "Body Lotion",
    ],
    aspects: ["quality", "value", "delivery", "skin", "service"], realSentences: false,
  },
  {
    code: "toys", name: "Toys", skuPrefix: "TOY", productCount: 35,
    priceMedianCents: 3_000, priceSigma: 0.7, priceMinCents: 800, priceMaxCents: 25_000,
    elasticity: [-2.5, -1.2], competitorSensitivity: [0.8, 2.0], promoLift: [1.2, 1.8], demandLevel: 0.9,
    trendPerYearMean: 0.0, leadTimeDays: [14, 35], returnRate: 0.03,
    seasonBase: 0.45, seasonBumps: [{ ...xmas, amplitude: 3.0 }, { ...blackFridayWeek, amplitude: 0.8 }],
    channelTilt: [1, 1, 1.1, 1],
    brands: ["Playforge", "Tinkertop", "Bramble Bear", "Rocket Rascal", "Kiddo Lab"],
    nouns: [
      "Building Blocks Set", "Plush Bear", "Remote Control Car", "Puzzle 1000 Pieces", "Wooden Train Set",
      "Board Game", "Art Kit", "Doll House", "Science Kit", "Toy Drone", "Water Blaster", "Card Game",
    ],
    aspects: ["quality", "value", "delivery", "fun", "service"], realSentences: false,
  },
  {
    code: "sports", name: "Sports & Outdoors", skuPrefix: "SPO", productCount: 35,
    priceMedianCents: 4_500, priceSigma: 0.8, priceMinCents: 1_000, priceMaxCents: 60_000,
    elasticity: [-2.4, -1.2], competitorSensitivity: [0.8, 2.0], promoLift: [1.15, 1.6], demandLevel: 0.8,
    trendPerYearMean: 0.06, leadTimeDays: [7, 25], returnRate: 0.04,
    seasonBase: 0.6,
    seasonBumps: [{ peakDay: 8, widthDays: 15, amplitude: 0.6 }, { peakDay: 170, widthDays: 45, amplitude: 0.8 }, { ...xmas, amplitude: 0.4, widthDays: 15 }],
    channelTilt: [1, 0.9, 1.1, 1.2],
    brands: ["Summitline", "Trailhead", "Pacer", "Ridgeback", "Tidewater"],
    nouns: [
      "Yoga Mat", "Camping Tent", "Hiking Backpack", "Water Bottle", "Adjustable Dumbbells", "Sleeping Bag",
      "Bike Helmet", "Trekking Poles", "Resistance Bands", "Camping Stove", "Running Vest", "Kayak Paddle",
    ],
    aspects: ["quality", "value", "delivery", "durability", "service"], realSentences: false,
  },
  {
    code: "garden", name: "Garden", skuPrefix: "GAR", productCount: 25,
    priceMedianCents: 4_000, priceSigma: 0.8, priceMinCents: 800, priceMaxCents: 50_000,
    elasticity: [-2.0, -0.9], competitorSensitivity: [0.5, 1.5], promoLift: [1.15, 1.6], demandLevel: 0.8,
    trendPerYearMean: 0.03, leadTimeDays: [7, 21], returnRate: 0.03,
    seasonBase: 0.25, seasonBumps: [{ peakDay: 135, widthDays: 40, amplitude: 1.8 }, { peakDay: 185, widthDays: 35, amplitude: 0.8 }],
    channelTilt: [0.9, 0.8, 0.9, 1.6],
    brands: ["Greenreach", "Fernwood", "Bloomfield", "Rootstock", "Hedgerow"],
    nouns: [
      "Garden Hose", "Pruning Shears", "Raised Garden Bed", "Bird Feeder", "Solar Path Lights", "Watering Can",
      "Potting Soil", "Lawn Sprinkler", "Garden Kneeler", "Seed Starter Kit", "Patio Planter",
    ],
    aspects: ["quality", "value", "delivery", "durability", "ease"], realSentences: false,
  },
  {
    code: "grocery", name: "Grocery", skuPrefix: "GRO", productCount: 35,
    priceMedianCents: 700, priceSigma: 0.6, priceMinCents: 200, priceMaxCents: 4_000,
    elasticity: [-1.2, -0.5], competitorSensitivity: [0.2, 0.8], promoLift: [1.1, 1.5], demandLevel: 2.0,
    trendPerYearMean: 0.05, leadTimeDays: [3, 10], returnRate: 0.01,
    seasonBase: 0.95, seasonBumps: [{ peakDay: 327, widthDays: 6, amplitude: 0.3 }, { peakDay: 355, widthDays: 6, amplitude: 0.25 }],
    channelTilt: [0.9, 1, 0.7, 1.5],
    brands: ["Harvest Table", "Goldgrain", "Sunmeadow", "Old Mill", "Bright Pantry"],
    nouns: [
      "Ground Coffee", "Green Tea", "Olive Oil", "Dark Chocolate", "Granola", "Pasta", "Almond Butter", "Honey",
      "Rolled Oats", "Hot Sauce", "Sparkling Water 12-Pack", "Trail Mix",
    ],
    aspects: ["value", "delivery", "taste", "quality"], realSentences: false,
  },
];

export function categoryIndex(code: CategoryCode): number {
  return categoryCodes.indexOf(code);
}
