import type { Format } from "@/lib/format";
import type { Message, MessageValues } from "@/lib/i18n/message";

/**
 * An item's title and reason carry their figures raw, so they read in the reader's language and formats; their names
 * say how each is shown: `…Cents` money, `…At` an instant (epoch ms), `…Change` a signed change (a ratio), `…Share` a
 * share (a ratio), `…Psi` a drift index. Everything else passes as it is (plurals need the plain count).
 */
export function inboxWords(message: Message, f: Format): Message {
  if (!message.values) return message;
  const values: MessageValues = {};
  for (const [name, v] of Object.entries(message.values)) {
    if (typeof v !== "number") values[name] = v;
    else if (name.endsWith("Cents")) values[name] = f.money(v);
    else if (name.endsWith("At")) values[name] = f.dateTime(v);
    else if (name.endsWith("Change")) values[name] = f.signedPercent(v, 1);
    else if (name.endsWith("Share")) values[name] = f.percent(v);
    else if (name.endsWith("Psi")) values[name] = f.number(v, 2);
    else values[name] = v;
  }
  return { key: message.key, values };
}
