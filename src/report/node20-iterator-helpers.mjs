// Allure Report 3 calls Iterator.prototype.toArray (iterator helpers, Node >= 22) in its quality
// gate; on Node 20 that throws. Loaded with --import into the allure CLI process only.
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
if (typeof IteratorPrototype.toArray !== 'function') {
  Object.defineProperty(IteratorPrototype, 'toArray', {
    value: function toArray() {
      return Array.from({ [Symbol.iterator]: () => this });
    },
    writable: true,
    configurable: true,
  });
}
