// The seed catalogue: both the local stack and the deployed catalogue start from this list,
// so a fresh clone and a fresh deploy show the same books.

/** A book of the seed catalogue. Prices are integers in minor units (kopecks), currency RUB. */
export interface SeedBook {
  readonly productId: string;
  readonly title: string;
  readonly author: string;
  readonly priceMinor: number;
  readonly publishedYear: number;
}

export const seedBooks: readonly SeedBook[] = [
  // Russian classics
  { productId: 'tolstoy-war-and-peace', title: 'War and Peace', author: 'Leo Tolstoy', priceMinor: 149900, publishedYear: 1869 },
  { productId: 'tolstoy-anna-karenina', title: 'Anna Karenina', author: 'Leo Tolstoy', priceMinor: 119900, publishedYear: 1878 },
  { productId: 'tolstoy-the-death-of-ivan-ilyich', title: 'The Death of Ivan Ilyich', author: 'Leo Tolstoy', priceMinor: 38900, publishedYear: 1886 },
  { productId: 'dostoevsky-crime-and-punishment', title: 'Crime and Punishment', author: 'Fyodor Dostoevsky', priceMinor: 89900, publishedYear: 1866 },
  { productId: 'dostoevsky-the-brothers-karamazov', title: 'The Brothers Karamazov', author: 'Fyodor Dostoevsky', priceMinor: 124500, publishedYear: 1880 },
  { productId: 'dostoevsky-the-idiot', title: 'The Idiot', author: 'Fyodor Dostoevsky', priceMinor: 94900, publishedYear: 1869 },
  { productId: 'dostoevsky-notes-from-underground', title: 'Notes from Underground', author: 'Fyodor Dostoevsky', priceMinor: 42900, publishedYear: 1864 },
  { productId: 'dostoevsky-demons', title: 'Demons', author: 'Fyodor Dostoevsky', priceMinor: 109900, publishedYear: 1872 },
  { productId: 'chekhov-the-cherry-orchard', title: 'The Cherry Orchard', author: 'Anton Chekhov', priceMinor: 34900, publishedYear: 1904 },
  { productId: 'chekhov-the-seagull', title: 'The Seagull', author: 'Anton Chekhov', priceMinor: 32900, publishedYear: 1896 },
  { productId: 'chekhov-three-sisters', title: 'Three Sisters', author: 'Anton Chekhov', priceMinor: 33500, publishedYear: 1901 },
  { productId: 'pushkin-eugene-onegin', title: 'Eugene Onegin', author: 'Alexander Pushkin', priceMinor: 64900, publishedYear: 1833 },
  { productId: 'pushkin-the-captains-daughter', title: 'The Captain\'s Daughter', author: 'Alexander Pushkin', priceMinor: 45900, publishedYear: 1836 },
  { productId: 'gogol-dead-souls', title: 'Dead Souls', author: 'Nikolai Gogol', priceMinor: 79900, publishedYear: 1842 },
  { productId: 'gogol-the-overcoat', title: 'The Overcoat', author: 'Nikolai Gogol', priceMinor: 29900, publishedYear: 1842 },
  { productId: 'turgenev-fathers-and-sons', title: 'Fathers and Sons', author: 'Ivan Turgenev', priceMinor: 57900, publishedYear: 1862 },
  { productId: 'turgenev-a-sportsmans-sketches', title: 'A Sportsman\'s Sketches', author: 'Ivan Turgenev', priceMinor: 68500, publishedYear: 1852 },
  { productId: 'lermontov-a-hero-of-our-time', title: 'A Hero of Our Time', author: 'Mikhail Lermontov', priceMinor: 52900, publishedYear: 1840 },
  { productId: 'goncharov-oblomov', title: 'Oblomov', author: 'Ivan Goncharov', priceMinor: 84900, publishedYear: 1859 },
  { productId: 'leskov-the-enchanted-wanderer', title: 'The Enchanted Wanderer', author: 'Nikolai Leskov', priceMinor: 47900, publishedYear: 1873 },
  { productId: 'bunin-the-gentleman-from-san-francisco', title: 'The Gentleman from San Francisco', author: 'Ivan Bunin', priceMinor: 39900, publishedYear: 1915 },
  { productId: 'bunin-the-village', title: 'The Village', author: 'Ivan Bunin', priceMinor: 55900, publishedYear: 1910 },
  { productId: 'chernyshevsky-what-is-to-be-done', title: 'What Is to Be Done?', author: 'Nikolay Chernyshevsky', priceMinor: 72900, publishedYear: 1863 },
  { productId: 'bulgakov-the-white-guard', title: 'The White Guard', author: 'Mikhail Bulgakov', priceMinor: 69900, publishedYear: 1925 },

  // English classics
  { productId: 'austen-pride-and-prejudice', title: 'Pride and Prejudice', author: 'Jane Austen', priceMinor: 59900, publishedYear: 1813 },
  { productId: 'austen-emma', title: 'Emma', author: 'Jane Austen', priceMinor: 62500, publishedYear: 1815 },
  { productId: 'c-bronte-jane-eyre', title: 'Jane Eyre', author: 'Charlotte Brontë', priceMinor: 66900, publishedYear: 1847 },
  { productId: 'e-bronte-wuthering-heights', title: 'Wuthering Heights', author: 'Emily Brontë', priceMinor: 58900, publishedYear: 1847 },
  { productId: 'dickens-great-expectations', title: 'Great Expectations', author: 'Charles Dickens', priceMinor: 74900, publishedYear: 1861 },
  { productId: 'dickens-a-tale-of-two-cities', title: 'A Tale of Two Cities', author: 'Charles Dickens', priceMinor: 71500, publishedYear: 1859 },
  { productId: 'dickens-oliver-twist', title: 'Oliver Twist', author: 'Charles Dickens', priceMinor: 63900, publishedYear: 1838 },
  { productId: 'shelley-frankenstein', title: 'Frankenstein; or, The Modern Prometheus', author: 'Mary Shelley', priceMinor: 49900, publishedYear: 1818 },
  { productId: 'eliot-silas-marner', title: 'Silas Marner', author: 'George Eliot', priceMinor: 44500, publishedYear: 1861 },
  { productId: 'hardy-tess-of-the-durbervilles', title: 'Tess of the d\'Urbervilles', author: 'Thomas Hardy', priceMinor: 76900, publishedYear: 1891 },
  { productId: 'wilde-the-picture-of-dorian-gray', title: 'The Picture of Dorian Gray', author: 'Oscar Wilde', priceMinor: 54900, publishedYear: 1890 },
  { productId: 'stevenson-treasure-island', title: 'Treasure Island', author: 'Robert Louis Stevenson', priceMinor: 48900, publishedYear: 1883 },
  { productId: 'doyle-a-study-in-scarlet', title: 'A Study in Scarlet', author: 'Arthur Conan Doyle', priceMinor: 41900, publishedYear: 1887 },
  { productId: 'carroll-alices-adventures-in-wonderland', title: 'Alice\'s Adventures in Wonderland', author: 'Lewis Carroll', priceMinor: 46900, publishedYear: 1865 },
  { productId: 'swift-gullivers-travels', title: 'Gulliver\'s Travels', author: 'Jonathan Swift', priceMinor: 61900, publishedYear: 1726 },
  { productId: 'defoe-robinson-crusoe', title: 'Robinson Crusoe', author: 'Daniel Defoe', priceMinor: 56500, publishedYear: 1719 },
  { productId: 'conrad-heart-of-darkness', title: 'Heart of Darkness', author: 'Joseph Conrad', priceMinor: 37900, publishedYear: 1899 },
  { productId: 'wells-the-time-machine', title: 'The Time Machine', author: 'H. G. Wells', priceMinor: 35900, publishedYear: 1895 },

  // French classics
  { productId: 'hugo-les-miserables', title: 'Les Misérables', author: 'Victor Hugo', priceMinor: 189900, publishedYear: 1862 },
  { productId: 'flaubert-madame-bovary', title: 'Madame Bovary', author: 'Gustave Flaubert', priceMinor: 67900, publishedYear: 1856 },
  { productId: 'stendhal-the-red-and-the-black', title: 'The Red and the Black', author: 'Stendhal', priceMinor: 82900, publishedYear: 1830 },
  { productId: 'balzac-pere-goriot', title: 'Père Goriot', author: 'Honoré de Balzac', priceMinor: 53900, publishedYear: 1835 },
  { productId: 'dumas-the-three-musketeers', title: 'The Three Musketeers', author: 'Alexandre Dumas', priceMinor: 97900, publishedYear: 1844 },
  { productId: 'verne-twenty-thousand-leagues-under-the-sea', title: 'Twenty Thousand Leagues Under the Sea', author: 'Jules Verne', priceMinor: 73500, publishedYear: 1870 },
  { productId: 'zola-germinal', title: 'Germinal', author: 'Émile Zola', priceMinor: 78900, publishedYear: 1885 },
  { productId: 'voltaire-candide', title: 'Candide', author: 'Voltaire', priceMinor: 36900, publishedYear: 1759 },

  // German-language classics
  { productId: 'goethe-the-sorrows-of-young-werther', title: 'The Sorrows of Young Werther', author: 'Johann Wolfgang von Goethe', priceMinor: 43900, publishedYear: 1774 },
  { productId: 'goethe-faust-part-one', title: 'Faust, Part One', author: 'Johann Wolfgang von Goethe', priceMinor: 87500, publishedYear: 1808 },
  { productId: 'kafka-the-metamorphosis', title: 'The Metamorphosis', author: 'Franz Kafka', priceMinor: 31900, publishedYear: 1915 },
  { productId: 'kafka-the-trial', title: 'The Trial', author: 'Franz Kafka', priceMinor: 58500, publishedYear: 1925 },

  // American classics
  { productId: 'melville-moby-dick', title: 'Moby-Dick', author: 'Herman Melville', priceMinor: 129900, publishedYear: 1851 },
  { productId: 'twain-the-adventures-of-tom-sawyer', title: 'The Adventures of Tom Sawyer', author: 'Mark Twain', priceMinor: 51900, publishedYear: 1876 },
  { productId: 'hawthorne-the-scarlet-letter', title: 'The Scarlet Letter', author: 'Nathaniel Hawthorne', priceMinor: 57500, publishedYear: 1850 },
  { productId: 'fitzgerald-the-great-gatsby', title: 'The Great Gatsby', author: 'F. Scott Fitzgerald', priceMinor: 65900, publishedYear: 1925 },
  { productId: 'london-the-call-of-the-wild', title: 'The Call of the Wild', author: 'Jack London', priceMinor: 39500, publishedYear: 1903 },
  { productId: 'wharton-the-age-of-innocence', title: 'The Age of Innocence', author: 'Edith Wharton', priceMinor: 69500, publishedYear: 1920 },
];
