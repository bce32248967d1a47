/** `a, b, c` or `a, b, … and 290 more`: a long list (a class, its conflicts) in one readable line. */
export const listed = (items: string[], max = 10): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
