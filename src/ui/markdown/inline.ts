import type { Token, Tokens } from 'marked';
import type { Theme } from '../theme.js';

/** Inline markdown tokens (emphasis, code spans, links…) to one styled string. */
export function renderInline(tokens: Token[] | undefined, theme: Theme): string {
  if (!tokens) return '';
  return tokens.map((token) => renderInlineToken(token, theme)).join('');
}

function renderInlineToken(token: Token, theme: Theme): string {
  const { chalk } = theme;
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      // A single newline inside a paragraph is a space in markdown; the terminal re-wraps.
      return text.tokens ? renderInline(text.tokens, theme) : decodeEntities(text.text).replace(/\n/g, ' ');
    }
    case 'escape':
      return decodeEntities((token as Tokens.Escape).text);
    case 'strong':
      return chalk.bold(renderInline((token as Tokens.Strong).tokens, theme));
    case 'em':
      return chalk.italic(renderInline((token as Tokens.Em).tokens, theme));
    case 'del':
      return chalk.strikethrough(renderInline((token as Tokens.Del).tokens, theme));
    case 'codespan': {
      const code = decodeEntities((token as Tokens.Codespan).text).replace(/\n/g, ' ');
      // Without colour the backticks are the only thing that sets code apart from prose.
      return theme.color ? chalk.cyan(code) : `\`${code}\``;
    }
    case 'br':
      return '\n';
    case 'link': {
      const link = token as Tokens.Link;
      const text = renderInline(link.tokens, theme);
      const plainText = link.text;
      if (link.href === plainText || link.href === `mailto:${plainText}`) return chalk.underline(text);
      return `${chalk.underline(text)} (${link.href})`;
    }
    case 'image': {
      const image = token as Tokens.Image;
      return `[image: ${image.text || image.href}]`;
    }
    case 'html': {
      // Formatting tags (<kbd>, <br>, <b>) become their text; anything else — a placeholder such
      // as secret/data/<path> written outside backticks — is shown as written, not swallowed.
      const html = (token as Tokens.HTML).text;
      if (/^<br\s*\/?>$/i.test(html)) return '\n';
      return FORMATTING_TAG.test(html) ? '' : html;
    }
    default:
      return 'text' in token && typeof token.text === 'string' ? decodeEntities(token.text) : '';
  }
}

const FORMATTING_TAG = /^<\/?(kbd|b|i|em|strong|code|sup|sub|span|u|s|small|mark|a)(\s[^>]*)?>$/i;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** marked escapes &, <, >, quotes in text tokens; a terminal wants the characters back. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    const known = ENTITIES[name.toLowerCase()];
    if (known !== undefined) return known;
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return whole;
  });
}
