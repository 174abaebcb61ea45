/**
 * Parses the JSON of wazuh-db commands as cJSON would accept it. Wazuh's framework writes agent ids with their
 * leading zeros as bare numbers (`{"id":002}`), which cJSON reads as 2 and a strict parser rejects.
 */
export function parseRelaxedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(stripLeadingZeros(text));
  }
}

function stripLeadingZeros(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const previous = out.trimEnd().slice(-1);
    if (ch === '0' && /\d/.test(text[i + 1] ?? '') && (previous === ':' || previous === '[' || previous === ',' || previous === '-')) {
      continue;
    }
    out += ch;
  }
  return out;
}
