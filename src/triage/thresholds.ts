// Figures by household size from the municipality's config. For a size the config does not
// list: the largest listed figure plus, for each further person, the step between the two
// largest listed sizes (contract section 2).
export function figureForSize(table: Record<string, number>, size: number): number {
  const sizes = Object.keys(table).map(Number).sort((a, b) => a - b);
  if (table[String(size)] !== undefined) return table[String(size)]!;
  const largest = sizes[sizes.length - 1]!;
  if (size < sizes[0]!) return table[String(sizes[0])]!;
  if (size < largest) {
    // A gap in the table: the nearest smaller listed size.
    const below = sizes.filter((s) => s < size).pop()!;
    return table[String(below)]!;
  }
  const step = sizes.length >= 2 ? table[String(largest)]! - table[String(sizes[sizes.length - 2])]! : 0;
  return table[String(largest)]! + step * (size - largest);
}
