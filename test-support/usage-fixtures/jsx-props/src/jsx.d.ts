// JSX without a framework: elements render to strings (enough for the checker to type components and props).
declare namespace JSX {
  type Element = string;
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
}
