/**
 * The entities of the "guichet-dossiers" persistence unit, mapped onto the tables of the store's migration V2.
 * Internal: plain public fields, read and written only by this bundle's services inside their transactions.
 */
package org.guichet.dossiers.internal.jpa;
