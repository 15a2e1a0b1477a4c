// jsdom ships no types, and its @types package is not installed: the little the tests use, declared.
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string);
    window: { document: Document };
  }
}
