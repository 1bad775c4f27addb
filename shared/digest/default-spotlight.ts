/**
 * The Best Practice Spotlight a digest carries when coordinators have set none for its month.
 *
 * Written in short, plain sentences: many readers of the digest use English as a second
 * language. Paragraphs are separated by a blank line, as the renderer expects.
 */
import type { Spotlight } from './schema';

/**
 * "Why this community?": how to find the shared interest that keeps a partnership alive.
 *
 * @example
 * const spotlight = storedSpotlight ?? DEFAULT_SPOTLIGHT;
 */
export const DEFAULT_SPOTLIGHT: Spotlight = {
  title: 'Why this community?',
  body: [
    'Before you choose a sister city, answer one question: why this community? The best answer is a shared interest that gives both sides a reason to keep working together, year after year. Finding that interest is the most important step in building a partnership that lasts.',
    'Many partnerships began with family ties or a shared piece of history. That is a good start, but it is rarely enough on its own. Partnerships grow when they are built on work that both communities are doing today: a growing industry, a university program, a river to clean up, or young people to prepare for new jobs.',
    'So where do you start? Talk to the people who lead your community. Meet the mayor\u2019s office, school and university leaders, business owners and the heads of local organizations. Ask what they are working on, what they plan for the coming years, and which problems they want to solve. Their answers tell you what to look for in a partner.',
    'Here is an example. A port town that is modernizing its harbor looks for a partner abroad with the same project. Harbor managers compare methods, local companies find trade contacts, and students at the two maritime schools visit each other. One practical interest like this leads to many programs.',
    'Put that interest at the center of your search. It is the foundation that keeps a partnership going for generations.',
  ].join('\n\n'),
};
