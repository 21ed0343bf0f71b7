// Choices the seeded benchmark generators make.
export type Random = () => number;

export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
export const chance = (rand: Random, p: number): boolean => rand() < p;
export const between = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
