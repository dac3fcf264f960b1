/**
 * A reply draft for a negative review, from the aspects it mentions and the product: a starting point the
 * merchandiser edits and sends with their own tools (the app never sends it). Plain text, in English, the language of
 * the store's customers and their reviews, whatever the merchandiser's own.
 */
const aspectLines: Record<string, string> = {
  quality: "That is not the quality we expect of it, and we have passed your description to our quality team.",
  value: "We understand it did not feel worth the price.",
  delivery: "We are sorry the delivery let you down; we are taking it up with the carrier.",
  service: "We are sorry our service did not help you as it should have.",
  packaging: "We have passed your comments about the packaging to our warehouse team.",
  battery: "Battery problems are not normal for this product, and a replacement may be the quickest fix.",
  size: "A size exchange is free; our size guide on the product page may help to choose.",
  durability: "It should have lasted much longer than that.",
  skin: "We are sorry it did not agree with your skin; please stop using it.",
  taste: "We are sorry it was not to your taste.",
  ease: "We are sorry it was hard to set up; our support team can walk you through it.",
};

export function replyDraft(input: { productName: string; aspects: readonly { aspect: string; label: string }[] }): string {
  const named = input.aspects.slice(0, 2);
  const about = named.length > 0 ? ` about the ${named.map((a) => a.label.toLowerCase()).join(" and the ")}` : "";
  const lines = [
    `Thank you for reviewing the ${input.productName}, and we are sorry it disappointed you${about}.`,
    ...named.map((a) => aspectLines[a.aspect]).filter((line): line is string => line !== undefined),
    "Please reply to your order confirmation e-mail so we can put this right with a replacement or a refund.",
  ];
  return lines.join(" ");
}
